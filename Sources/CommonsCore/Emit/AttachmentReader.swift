/// Reads the files published notes use, for copying into the site. A Git LFS pointer is not the file
/// it stands for, so it is reported and left out rather than published as a broken image; so is a
/// file whose content the clone lacks.
final class AttachmentReader {
    private let tree: SourceTree
    private(set) var diagnostics: [Diagnostic] = []

    init(tree: SourceTree) {
        self.tree = tree
    }

    func read(_ repositoryPath: String) throws -> [UInt8]? {
        let read: [UInt8]?
        do {
            read = try tree.contents(of: repositoryPath)
        } catch {
            guard CommitTree.isMissingContent(error) else { throw error }
            diagnostics.append(Diagnostic(path: repositoryPath, message: "the repository lacks this file's content\(tree.whereRead) (a partial or damaged clone): it is left out",
                                          rule: .missingObject))
            return nil
        }
        guard let bytes = read else { return nil }
        if bytes.count < 1024 && bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8)) {
            diagnostics.append(Diagnostic(path: repositoryPath, message: "the file is a Git LFS pointer, not the file itself (run `git lfs pull` before building): it is left out", rule: .lfsPointer))
            return nil
        }
        return bytes
    }
}
