import CGit2

/// A file that differs between two trees: added (no `old`), deleted (no `new`), or changed in content
/// or mode.
struct TreeChange {
    struct Side {
        let id: ObjectID
        let mode: git_filemode_t
    }

    /// From the repository root.
    let path: String
    let old: Side?
    let new: Side?
}

extension Repository {
    /// The files that differ between two trees, found by descending only into folders whose ids
    /// differ. A commit usually touches one folder, so this reads a few small trees where libgit2's
    /// tree diff visits every file of both, in unchanged folders too.
    /// With no old tree (a root commit), every file of the new one is an addition.
    func treeChanges(from oldTree: ObjectID?, to newTree: ObjectID) throws(GitError) -> [TreeChange] {
        var changes: [TreeChange] = []
        if let oldTree {
            try compare(oldTree, newTree, prefix: "", into: &changes)
        } else {
            let tree = try tree(newTree)
            defer { git_tree_free(tree) }
            for index in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, index) else { continue }
                try addFiles(of: entry, prefix: "", isOld: false, into: &changes)
            }
        }
        return changes
    }

    /// A merge of the two trees' entries, which git keeps sorted in the order `git_tree_entry_cmp`
    /// compares them. A file and a folder of the same name are two entries in that order, so a file
    /// that became a folder is a deletion and additions.
    private func compare(_ oldID: ObjectID, _ newID: ObjectID, prefix: String, into changes: inout [TreeChange]) throws(GitError) {
        let old = try tree(oldID), new = try tree(newID)
        defer { git_tree_free(old); git_tree_free(new) }
        let oldCount = git_tree_entrycount(old), newCount = git_tree_entrycount(new)
        var oldIndex = 0, newIndex = 0
        while oldIndex < oldCount || newIndex < newCount {
            let before = oldIndex < oldCount ? git_tree_entry_byindex(old, oldIndex) : nil
            let after = newIndex < newCount ? git_tree_entry_byindex(new, newIndex) : nil
            let order = before == nil ? 1 : after == nil ? -1 : git_tree_entry_cmp(before, after)
            if order < 0 {
                try addFiles(of: before!, prefix: prefix, isOld: true, into: &changes)
                oldIndex += 1
            } else if order > 0 {
                try addFiles(of: after!, prefix: prefix, isOld: false, into: &changes)
                newIndex += 1
            } else {
                let unchanged = git_oid_equal(git_tree_entry_id(before), git_tree_entry_id(after)) == 1
                    && git_tree_entry_filemode(before) == git_tree_entry_filemode(after)
                if !unchanged {
                    let path = prefix + String(cString: git_tree_entry_name(after))
                    if git_tree_entry_filemode(after) == GIT_FILEMODE_TREE {
                        try compare(ObjectID(git_tree_entry_id(before)), ObjectID(git_tree_entry_id(after)), prefix: path + "/", into: &changes)
                    } else {
                        changes.append(TreeChange(path: path, old: Self.side(before!), new: Self.side(after!)))
                    }
                }
                oldIndex += 1
                newIndex += 1
            }
        }
    }

    /// An entry present on one side only: the file itself, or every file below it when it is a folder.
    private func addFiles(of entry: OpaquePointer, prefix: String, isOld: Bool, into changes: inout [TreeChange]) throws(GitError) {
        let path = prefix + String(cString: git_tree_entry_name(entry))
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE else {
            let side = Self.side(entry)
            changes.append(TreeChange(path: path, old: isOld ? side : nil, new: isOld ? nil : side))
            return
        }
        let subtree = try tree(ObjectID(git_tree_entry_id(entry)))
        defer { git_tree_free(subtree) }
        for index in 0..<git_tree_entrycount(subtree) {
            guard let child = git_tree_entry_byindex(subtree, index) else { continue }
            try addFiles(of: child, prefix: path + "/", isOld: isOld, into: &changes)
        }
    }

    private static func side(_ entry: OpaquePointer) -> TreeChange.Side {
        TreeChange.Side(id: ObjectID(git_tree_entry_id(entry)), mode: git_tree_entry_filemode(entry))
    }
}
