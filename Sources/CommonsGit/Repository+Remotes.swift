import CGit2

extension Repository {
    /// The URL of the remote called `name` (`origin`), as the repository's configuration gives it; nil
    /// when the repository has no such remote, or its configuration cannot be read.
    ///
    /// Read as the configuration entry `remote.<name>.url` rather than through `git_remote_lookup`:
    /// libgit2 1.5's lookup matches the remote's other entries with a PCRE2 pattern and leaks the
    /// match data whenever one does not match, once per call, and `commons serve` asks on every build.
    public func remoteURL(_ name: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config(&config, handle) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var url = git_buf()
        defer { git_buf_dispose(&url) }
        guard git_config_get_string_buf(&url, config, "remote.\(name).url") == 0, let bytes = url.ptr else { return nil }
        return String(cString: bytes)
    }
}
