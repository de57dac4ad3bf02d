/// Reads the files published notes use, for copying into the site. A Git LFS pointer is not the file
/// it stands for, so it is reported and left out rather than published as a broken image.
final class AttachmentReader {
    private let tree: SourceTree
    private(set) var diagnostics: [Diagnostic] = []

    init(tree: SourceTree) {
        self.tree = tree
    }

    func read(_ repositoryPath: String) throws -> [UInt8]? {
        guard let bytes = try tree.contents(of: repositoryPath) else { return nil }
        if bytes.count < 1024 && bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8)) {
            diagnostics.append(Diagnostic(path: repositoryPath, message: "the file is a Git LFS pointer, not the file itself (run `git lfs pull` before building): it is left out", rule: .lfsPointer))
            return nil
        }
        return bytes
    }
}
