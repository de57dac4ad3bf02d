import CGit2

extension Repository {
    /// Paths of the working directory that differ from HEAD: edited, added (staged or not) or renamed,
    /// from the repository root. Ignored files are not listed; deleted ones have nothing to show.
    public func uncommittedPaths() throws(GitError) -> Set<String> {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "prepare a status query")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "read the status of the working directory")
        defer { git_status_list_free(list) }
        let deleted = GIT_STATUS_INDEX_DELETED.rawValue | GIT_STATUS_WT_DELETED.rawValue
        var paths: Set<String> = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee, entry.status.rawValue & ~deleted != 0 else { continue }
            // The working directory's side names the file as it is now, after any rename.
            let delta = entry.index_to_workdir ?? entry.head_to_index
            if let path = delta?.pointee.new_file.path { paths.insert(String(cString: path)) }
        }
        return paths
    }
}
