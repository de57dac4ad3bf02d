import CommonsGit

/// The paths of the working tree that differ from HEAD, kept by `serve` from one rebuild to the next.
///
/// Asking git for the status of the whole tree looks at every file of it: a tenth of a rebuild of ten
/// thousand notes. After an edit, only the files read afresh since (see `WorkingTreeReads`) are asked
/// of, while HEAD and the files a file's status depends on besides the file itself are as they were:
/// the index, the configuration, the attributes (`Repository.statusRuleFiles`) and the tree's
/// `.gitattributes`. One of those changed within a second before it was looked at keeps nothing, so
/// that the next build asks of the whole tree again.
final class KeptUncommittedPaths {
    /// The paths by their bytes: a `Set<String>` would take a path's NFC and NFD spellings as one, and
    /// removing one, when git says it is committed, would remove the other.
    private var kept: (head: ObjectID?, ruleFiles: [String: FileStatus?], paths: Set<ExactString>)?
    /// How many times the whole tree was asked of, for tests.
    private(set) var askedOfWholeTree = 0

    /// The uncommitted paths, from the repository root, as `Repository.uncommittedPaths` gives them. `readAfresh` holds the files of the working tree
    /// read afresh since the last call (absolute paths); `attributeFiles`, the repository paths of the
    /// tree's `.gitattributes`.
    func paths(of repository: Repository, head: ObjectID?, readAfresh: Set<String>, attributeFiles: [String]) throws -> [String] {
        // A query that fails leaves nothing kept: the files read afresh since are asked of no more.
        let last = kept
        kept = nil
        guard let workingDirectory = repository.workingDirectory else { return try repository.uncommittedPaths() }
        let root = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        var ruleFiles: [String: FileStatus?] = [:]
        var settled = true
        for file in repository.statusRuleFiles + attributeFiles.map({ root + $0 }) {
            let status = LocalFile.statusOfTarget(atPath: file).map(FileStatus.init)
            if let status, !WorkingTreeReads.isSettled(status) { settled = false }
            ruleFiles[file] = .some(status)
        }
        var paths: Set<ExactString>
        if let last, last.head == head, last.ruleFiles == ruleFiles {
            paths = last.paths
            for file in readAfresh where file.utf8.starts(with: root.utf8) {
                let path = ExactString(String(decoding: file.utf8.dropFirst(root.utf8.count), as: UTF8.self))
                if try repository.isUncommitted(path.value) { paths.insert(path) } else { paths.remove(path) }
            }
        } else {
            paths = Set(try repository.uncommittedPaths().map(ExactString.init))
            askedOfWholeTree += 1
        }
        kept = settled ? (head, ruleFiles, paths) : nil
        return paths.map(\.value)
    }
}
