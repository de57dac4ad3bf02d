import CGit2

/// An open git repository. It owns its libgit2 handle; use one per thread.
///
/// libgit2 objects are not safe to share between threads, so this class is deliberately not `Sendable`.
public final class Repository {
    let handle: OpaquePointer

    /// Opens the repository containing `path`, searching parent folders the way `git` does.
    public init(discoveringFrom path: String) throws(GitError) {
        Libgit2.ensureInitialised()
        var pointer: OpaquePointer?
        try check(git_repository_open_ext(&pointer, path, 0, nil), "open a git repository at '\(path)'")
        handle = pointer!
    }

    deinit {
        git_repository_free(handle)
    }

    /// The repository's git folder (`.git/`), with a trailing `/`: for another handle on it, and for
    /// what commons keeps between builds, which is neither published nor committed there.
    public var gitFolder: String {
        String(cString: git_repository_path(handle))
    }

    /// The working directory with a trailing `/`, or nil for a bare repository.
    public var workingDirectory: String? {
        git_repository_workdir(handle).map { String(cString: $0) }
    }

    /// True when HEAD names a branch that has no commit yet, as in a repository just made by `git init`.
    public var isHeadUnborn: Bool {
        git_repository_head_unborn(handle) == 1
    }

    /// True when the repository is a shallow clone, whose oldest commits lack their parents.
    public var isShallow: Bool {
        git_repository_is_shallow(handle) == 1
    }

    /// Resolves a revision expression (`HEAD`, a branch, a tag, `main~3`, a hash) to a commit.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, revision), "resolve revision '\(revision)'")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "'\(revision)' is not a commit")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// The commit's metadata.
    public func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &oid), "read commit \(id.short)")
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)),
            parents: parents,
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? ""
        )
    }

    /// Every file below `folder` (a path in the tree, or "" for the root) of the commit's tree, sorted by path.
    /// Returns an empty list when the folder does not exist in that commit.
    public func files(of commitID: ObjectID, under folder: String) throws(GitError) -> [TreeEntry] {
        let root = try rootTree(of: commitID)
        defer { git_tree_free(root) }

        var start = root
        var subtree: OpaquePointer?
        defer { if subtree != nil { git_tree_free(subtree) } }
        if !folder.isEmpty {
            var entry: OpaquePointer?
            let found = git_tree_entry_bypath(&entry, root, folder)
            if found == GIT_ENOTFOUND.rawValue { return [] }
            try check(found, "find '\(folder)' in commit \(commitID.short)")
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return [] }
            try check(git_tree_lookup(&subtree, handle, git_tree_entry_id(entry)), "read folder '\(folder)'")
            start = subtree!
        }
        var result: [TreeEntry] = []
        try collect(tree: start, prefix: "", validName: true, into: &result)
        return result.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    private func collect(tree: OpaquePointer, prefix: String, validName: Bool, into result: inout [TreeEntry]) throws(GitError) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let valid = String(validatingCString: git_tree_entry_name(entry))
            let path = prefix + (valid ?? String(cString: git_tree_entry_name(entry)))
            let validName = validName && valid != nil
            let id = ObjectID(git_tree_entry_id(entry))
            let kind: TreeEntry.Kind
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                var subtree: OpaquePointer?
                try check(git_tree_lookup(&subtree, handle, git_tree_entry_id(entry)), "read folder '\(path)'")
                defer { git_tree_free(subtree) }
                try collect(tree: subtree!, prefix: path + "/", validName: validName, into: &result)
                continue
            case GIT_FILEMODE_BLOB_EXECUTABLE: kind = .executable
            case GIT_FILEMODE_LINK: kind = .symlink
            case GIT_FILEMODE_COMMIT: kind = .submodule
            default: kind = .file
            }
            result.append(TreeEntry(path: path, id: id, kind: kind, hasValidName: validName))
        }
    }

    /// The bytes of a blob.
    public func blob(_ id: ObjectID) throws(GitError) -> [UInt8] {
        let blob = try blobHandle(id)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// A blob by id; the caller frees it with `git_blob_free`.
    func blobHandle(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, &oid), "read blob \(id.short)")
        return blob!
    }

    /// The bytes of the file at `path` (from the tree root) in a commit, or nil when there is no such file.
    public func fileContents(at path: String, in commitID: ObjectID) throws(GitError) -> [UInt8]? {
        let root = try rootTree(of: commitID)
        defer { git_tree_free(root) }
        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, root, path)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        try check(found, "find '\(path)' in commit \(commitID.short)")
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return try blob(ObjectID(git_tree_entry_id(entry)))
    }

    /// The root tree of a commit; the caller frees it with `git_tree_free`.
    private func rootTree(of commitID: ObjectID) throws(GitError) -> OpaquePointer {
        var oid = commitID.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &oid), "read commit \(commitID.short)")
        defer { git_commit_free(commit) }
        var root: OpaquePointer?
        try check(git_commit_tree(&root, commit), "read the tree of commit \(commitID.short)")
        return root!
    }
}
