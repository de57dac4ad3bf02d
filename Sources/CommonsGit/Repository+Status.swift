import CGit2

extension Repository {
    /// Paths of the working directory that differ from HEAD: edited, added (staged or not) or renamed,
    /// from the repository root, each spelled as git has it (a set of `String`s would take the NFC and
    /// NFD spellings of a name as one). Ignored files are not listed; deleted ones have nothing to show.
    public func uncommittedPaths() throws(GitError) -> [String] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "prepare a status query")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "read the status of the working directory")
        defer { git_status_list_free(list) }
        var paths: [String] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee, Self.isUncommitted(entry.status.rawValue) else { continue }
            // The working directory's side names the file as it is now, after any rename.
            let delta = entry.index_to_workdir ?? entry.head_to_index
            if let path = delta?.pointee.new_file.path { paths.append(String(cString: path)) }
        }
        return paths
    }

    /// Whether the file at `path` (from the repository root) is among `uncommittedPaths()`: asked of
    /// one file, where that asks of every file of the working directory.
    public func isUncommitted(_ path: String) throws(GitError) -> Bool {
        var flags: UInt32 = 0
        let result = git_status_file(&flags, handle, path)
        // A path git has nowhere, neither in HEAD, the index nor the working directory.
        if result == GIT_ENOTFOUND.rawValue { return false }
        try check(result, "read the status of '\(path)'")
        return flags & GIT_STATUS_IGNORED.rawValue == 0 && Self.isUncommitted(flags)
    }

    /// The files besides the working tree's own `.gitattributes` that what git tells of a file's status
    /// depends on, besides the file and HEAD: the index, the repository's `info/attributes`, the
    /// attributes file its configuration names, and the configuration files. A file listed need not exist.
    public var statusRuleFiles: [String] {
        [gitFolder + "index", gitFolder + "info/attributes", Self.userGitFolder + "attributes"] + configurationFiles
            + [configEntry("core.attributesfile", read: git_config_get_path)].compactMap { $0 }
    }

    /// Whether a status says the file differs from HEAD: changed in the index or the working directory
    /// other than by being deleted.
    private static func isUncommitted(_ status: UInt32) -> Bool {
        status & ~(GIT_STATUS_INDEX_DELETED.rawValue | GIT_STATUS_WT_DELETED.rawValue) != 0
    }
}
