import CGit2

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
        [gitFolder + "info/exclude", Self.userGitFolder + "ignore"] + configurationFiles
            + [configEntry("core.excludesfile", read: git_config_get_path)].compactMap { $0 }
    }
}
