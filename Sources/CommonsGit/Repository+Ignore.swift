import CGit2
import Foundation

extension Repository {
    /// Whether git's ignore rules keep `path` (from the working directory's top; a folder ends in `/`)
    /// out of the repository, whether or not it is tracked.
    public func isIgnored(_ path: String) throws(GitError) -> Bool {
        var ignored: Int32 = 0
        try check(git_ignore_path_is_ignored(&ignored, handle, path), "check ignore rules for '\(path)'")
        return ignored == 1
    }

    /// The files besides the working tree's `.gitignore` files that git's ignore rules come from: the
    /// repository's `info/exclude`, the excludes file its configuration names (and git's default one),
    /// and the configuration files that could name another. A file listed need not exist: creating it
    /// changes the rules too.
    public var ignoreRuleFiles: [String] {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? ""
        let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        let files = [gitFolder + "info/exclude", gitFolder + "config", home + "/.gitconfig", xdg + "/git/config", "/etc/gitconfig",
                     xdg + "/git/ignore"]
        return files + [configuredPath("core.excludesfile")].compactMap { $0 }
    }

    /// A path the repository's configuration gives for `key`, with `~` expanded; nil when it gives none.
    private func configuredPath(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config(&config, handle) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var path = git_buf()
        defer { git_buf_dispose(&path) }
        guard git_config_get_path(&path, config, key) == 0, let bytes = path.ptr else { return nil }
        return String(cString: bytes)
    }
}
