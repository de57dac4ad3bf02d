import CGit2

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
}
