import CGit2

extension Repository {
    /// The URL of the remote called `name` (`origin`), as its configuration gives it; nil when the
    /// repository has no such remote, or its configuration cannot be read.
    public func remoteURL(_ name: String) -> String? {
        var remote: OpaquePointer?
        guard git_remote_lookup(&remote, handle, name) == 0, let remote else { return nil }
        defer { git_remote_free(remote) }
        return git_remote_url(remote).map { String(cString: $0) }
    }
}
