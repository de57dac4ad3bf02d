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
    private var kept: (head: ObjectID?, ruleFiles: [String: FileStatus?], paths: Set<String>)?
    /// How many times the whole tree was asked of, for tests.
    private(set) var askedOfWholeTree = 0

    /// The uncommitted paths, from the repository root. `readAfresh` holds the files of the working tree
    /// read afresh since the last call (absolute paths); `attributeFiles`, the repository paths of the
    /// tree's `.gitattributes`.
    func paths(of repository: Repository, head: ObjectID?, readAfresh: [String], attributeFiles: [String]) throws -> Set<String> {
        guard let workingDirectory = repository.workingDirectory else { return try repository.uncommittedPaths() }
        let root = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        var ruleFiles: [String: FileStatus?] = [:]
        var settled = true
        for file in repository.statusRuleFiles + attributeFiles.map({ root + $0 }) {
            let status = LocalFile.status(atPath: file).map(FileStatus.init)
            if let status, !WorkingTreeReads.isSettled(status) { settled = false }
            ruleFiles[file] = .some(status)
        }
        var paths: Set<String>
        if let kept, kept.head == head, kept.ruleFiles == ruleFiles {
            paths = kept.paths
            for file in readAfresh where file.utf8.starts(with: root.utf8) {
                let path = String(decoding: file.utf8.dropFirst(root.utf8.count), as: UTF8.self)
                if try repository.isUncommitted(path) { paths.insert(path) } else { paths.remove(path) }
            }
        } else {
            paths = try repository.uncommittedPaths()
            askedOfWholeTree += 1
        }
        kept = settled ? (head, ruleFiles, paths) : nil
        return paths
    }
}
