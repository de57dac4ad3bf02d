import CGit2
import Foundation

extension Repository {
    /// The entry `key` of the repository's configuration (with the global and system files it reads
    /// too), as `read` gives it: `git_config_get_string_buf`, or `git_config_get_path` to have `~`
    /// expanded. Nil when the configuration cannot be read or has no such entry.
    func configEntry(_ key: String, read: (UnsafeMutablePointer<git_buf>, OpaquePointer, UnsafePointer<CChar>) -> Int32) -> String? {
        var config: OpaquePointer?
        guard git_repository_config(&config, handle) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var value = git_buf()
        defer { git_buf_dispose(&value) }
        guard read(&value, config, key) == 0, let bytes = value.ptr else { return nil }
        return String(cString: bytes)
    }

    /// git's configuration files, any of which may name another file git's rules come from: the
    /// repository's, the user's two and the system's.
    var configurationFiles: [String] {
        [gitFolder + "config", Self.home + "/.gitconfig", Self.userGitFolder + "config", "/etc/gitconfig"]
    }

    /// The folder of the user's git files under `XDG_CONFIG_HOME` (`~/.config/git/`), ending in `/`.
    static var userGitFolder: String {
        let xdg = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return xdg + "/git/"
    }

    private static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? "" }
}
