import CGit2

extension Repository {
    /// The URL of the remote called `name` (`origin`), as the repository's configuration gives it; nil
    /// when the repository has no such remote, or its configuration cannot be read.
    ///
    /// Read as the configuration entry `remote.<name>.url` rather than through `git_remote_lookup`:
    /// libgit2 1.5's lookup matches the remote's other entries with a PCRE2 pattern and leaks the
    /// match data whenever one does not match, once per call, and `commons serve` asks on every build.
    public func remoteURL(_ name: String) -> String? {
        configEntry("remote.\(name).url", read: git_config_get_string_buf)
    }
}
