import CGit2
import Foundation

extension Repository {
    /// Every non-merge commit reachable from `head`, newest first (topological, then by time), each
    /// with its changes to files below `folder` against its first parent, renames detected as
    /// `git log -M` detects them, and authors named as `.mailmap` says. One walk serves every note: it is
    /// the history stage's only git work.
    ///
    /// `known` holds changes of commits diffed before (below the same folder), which are not diffed
    /// again: a commit's diff against its parent never changes. Only the files `isCounted` names have
    /// their lines counted and their renames found: the others (videos, images) are never read, so a
    /// clone that lacks their content still has a history.
    public func history(from head: ObjectID, under folder: String, known: [ObjectID: [FileChange]] = [:],
                        isCounted: @escaping @Sendable (String) -> Bool = { _ in true }) throws(GitError) -> [CommitChanges] {
        let mailmap = try Mailmap(repository: handle)
        let reachable = try reachableCommits(from: head)
        // The walk has read every commit already; a parent's tree is looked up here, not read again.
        let trees = Dictionary(uniqueKeysWithValues: reachable.map { ($0.commit.id, $0.commit.tree) })
        let commits = reachable.filter { $0.commit.parents.count <= 1 }
        // A shallow clone's boundary commits are diffed against nothing, which deepening it would change.
        let unknown = commits.filter { $0.parentsMissing || known[$0.commit.id] == nil }.map(\.commit)
        let diffed = Dictionary(uniqueKeysWithValues: zip(unknown.map(\.id), try changesInParallel(unknown, trees: trees, under: folder, isCounted: isCounted)))
        return commits.map { info in
            CommitChanges(commit: info.commit.withAuthor(mailmap.resolve(info.commit.author)),
                          changes: diffed[info.commit.id] ?? known[info.commit.id]!, parentsMissing: info.parentsMissing)
        }
    }

    /// Each commit's changes, diffed on every core: the diffs are independent, and each thread has a
    /// repository handle of its own, as libgit2 requires.
    private func changesInParallel(_ commits: [CommitInfo], trees: [ObjectID: ObjectID], under folder: String,
                                   isCounted: @escaping @Sendable (String) -> Bool) throws(GitError) -> [[FileChange]] {
        let gitFolder = self.gitFolder
        return try Lanes.map(commits, lane: { () throws(GitError) in try Repository(discoveringFrom: gitFolder) }) { repository, commit throws(GitError) in
            try repository.changes(of: commit, against: commit.parents.first.flatMap { trees[$0] }, under: folder, isCounted: isCounted)
        }
    }

    /// Every commit reachable from `head`, children before parents and newer before older, as
    /// `git log --topo-order` lists them. libgit2 1.5's own walker fails on a shallow clone's missing
    /// parents, so the walk is done here, and a commit whose parents are missing marks the boundary.
    private func reachableCommits(from head: ObjectID) throws(GitError) -> [(commit: CommitInfo, parentsMissing: Bool)] {
        var commits: [ObjectID: (commit: CommitInfo, parentsMissing: Bool)] = [:]
        var pending = [head]
        while let id = pending.popLast() {
            guard commits[id] == nil else { continue }
            let info = try commit(id)
            let present = info.parents.filter { exists($0) }
            commits[id] = (info, present.count < info.parents.count)
            pending += present
        }
        // Kahn's algorithm, always taking the newest commit whose children are all listed.
        var children: [ObjectID: Int] = [:]
        for (commit, _) in commits.values {
            for parent in commit.parents where commits[parent] != nil { children[parent, default: 0] += 1 }
        }
        var ready = commits.keys.filter { children[$0] == nil }
        var ordered: [(commit: CommitInfo, parentsMissing: Bool)] = []
        while !ready.isEmpty {
            let next = ready.indices.max { Self.isOlder(commits[ready[$0]]!.commit, than: commits[ready[$1]]!.commit) }!
            let id = ready.remove(at: next)
            let entry = commits[id]!
            ordered.append(entry)
            for parent in entry.commit.parents where commits[parent] != nil {
                children[parent]! -= 1
                if children[parent] == 0 { ready.append(parent) }
            }
        }
        return ordered
    }

    private static func isOlder(_ lhs: CommitInfo, than rhs: CommitInfo) -> Bool {
        lhs.committer.time != rhs.committer.time ? lhs.committer.time < rhs.committer.time : lhs.id > rhs.id
    }

    func exists(_ id: ObjectID) -> Bool {
        var oid = id.oid
        var object: OpaquePointer?
        guard git_object_lookup(&object, handle, &oid, GIT_OBJECT_COMMIT) == 0 else { return false }
        git_object_free(object)
        return true
    }

    /// The commit's changes below `folder` against its first parent's tree (against nothing for a root
    /// commit, or one whose parent a shallow clone lacks).
    private func changes(of commit: CommitInfo, against parentTree: ObjectID?, under folder: String,
                         isCounted: (String) -> Bool) throws(GitError) -> [FileChange] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        let changed = try treeChanges(from: parentTree, to: commit.tree).filter { $0.path.hasPrefix(prefix) }
        let counted = changed.filter { isCounted($0.path) }
        var changes = changed.filter { !isCounted($0.path) }.map { change in
            FileChange(kind: change.old == nil ? .added : change.new == nil ? .deleted : .modified, path: change.path, previousPath: nil,
                       addedLines: 0, removedLines: 0, blob: change.new?.id, previousBlob: change.old?.id)
        }
        // Only a deleted file paired with an added one can be a rename; libgit2 is needed just to find those.
        if let parentTree, counted.contains(where: { $0.old == nil }) && counted.contains(where: { $0.new == nil }) {
            changes += try diff(from: parentTree, to: commit.tree, paths: counted.map(\.path), commit: commit)
        } else {
            for change in counted {
                let (added, removed, missing) = try lineCounts(from: change.old, to: change.new, path: change.path)
                changes.append(FileChange(kind: change.old == nil ? .added : change.new == nil ? .deleted : .modified,
                                          path: change.path, previousPath: nil, addedLines: added, removedLines: removed,
                                          blob: change.new?.id, previousBlob: change.old?.id, contentMissing: missing))
            }
        }
        return changes.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// libgit2's diff of two trees with rename detection, narrowed to `paths`: exact file paths (libgit2
    /// then reads only the folders that hold them), or a folder pattern.
    private func diff(from oldID: ObjectID, to newID: ObjectID, paths: [String], commit: CommitInfo) throws(GitError) -> [FileChange] {
        let newTree = try tree(newID)
        defer { git_tree_free(newTree) }
        let oldTree = try tree(oldID)
        defer { git_tree_free(oldTree) }

        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "set up a diff")
        options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
        var diff: OpaquePointer?
        var pathspec = paths.map { strdup($0) }
        defer { pathspec.forEach { free($0) } }
        let code = pathspec.withUnsafeMutableBufferPointer { buffer -> Int32 in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options)
        }
        try check(code, "diff commit \(commit.id.short)")
        defer { git_diff_free(diff) }

        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "set up rename detection")
        // 0 would mean "whatever diff.renames says"; rename detection must not depend on local config.
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        let found = git_diff_find_similar(diff, &find)
        // Renames are found by comparing contents; where the clone lacks one, the files stay an
        // addition and a deletion, each marked as missing its content below.
        if found != GIT_ENOTFOUND.rawValue { try check(found, "detect renames in commit \(commit.id.short)") }

        var changes: [FileChange] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let kind: FileChange.Kind
            switch delta.status {
            case GIT_DELTA_ADDED: kind = .added
            case GIT_DELTA_DELETED: kind = .deleted
            case GIT_DELTA_RENAMED: kind = .renamed
            case GIT_DELTA_MODIFIED, GIT_DELTA_TYPECHANGE: kind = .modified
            default: continue
            }
            let newPath = String(cString: delta.new_file.path), oldPath = String(cString: delta.old_file.path)
            var patch: OpaquePointer?
            let made = git_patch_from_diff(&patch, diff, index)
            defer { git_patch_free(patch) }
            if made != GIT_ENOTFOUND.rawValue { try check(made, "count the changed lines of '\(newPath)'") }
            let (added, removed) = made == 0 ? try lineCounts(of: patch) : (0, 0)
            changes.append(FileChange(
                kind: kind,
                path: kind == .deleted ? oldPath : newPath,
                previousPath: kind == .renamed ? oldPath : nil,
                addedLines: added,
                removedLines: removed,
                blob: kind == .deleted ? nil : ObjectID(delta.new_file.id),
                previousBlob: kind == .added ? nil : ObjectID(delta.old_file.id),
                contentMissing: made != 0
            ))
        }
        return changes
    }

    /// Lines added and removed between two versions of a file, as libgit2 counts them in a tree diff,
    /// and whether the repository lacks either version (then no lines are counted).
    private func lineCounts(from old: TreeChange.Side?, to new: TreeChange.Side?, path: String) throws(GitError) -> (Int, Int, missing: Bool) {
        // A submodule's commit is not in this repository; a tree diff counts no lines for it either.
        guard old?.mode != GIT_FILEMODE_COMMIT, new?.mode != GIT_FILEMODE_COMMIT else { return (0, 0, false) }
        var oldBlob: OpaquePointer?, newBlob: OpaquePointer?
        defer { if let oldBlob { git_blob_free(oldBlob) }; if let newBlob { git_blob_free(newBlob) } }
        if let old {
            guard let blob = try presentBlob(old) else { return (0, 0, true) }
            oldBlob = blob
        }
        if let new {
            guard let blob = try presentBlob(new) else { return (0, 0, true) }
            newBlob = blob
        }
        var patch: OpaquePointer?
        try check(git_patch_from_blobs(&patch, oldBlob, path, newBlob, path, nil), "count the changed lines of '\(path)'")
        defer { git_patch_free(patch) }
        let (added, removed) = try lineCounts(of: patch)
        return (added, removed, false)
    }

    /// A blob the caller frees, or nil when the repository lacks it.
    private func presentBlob(_ side: TreeChange.Side) throws(GitError) -> OpaquePointer? {
        do {
            return try blobHandle(side.id)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    private func lineCounts(of patch: OpaquePointer?) throws(GitError) -> (Int, Int) {
        guard patch != nil else { return (0, 0) }  // binary files have no patch
        var context = 0, added = 0, removed = 0
        try check(git_patch_line_stats(&context, &added, &removed, patch), "count the changed lines")
        return (added, removed)
    }

    /// A tree by id; the caller frees it with `git_tree_free`.
    func tree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &oid), "read tree \(id.short)")
        return tree!
    }
}
