/// One file of the generated site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes([UInt8])
        /// An attachment, copied from the tree when the site is written.
        case attachment(repositoryPath: String)
    }

    /// Path inside the output folder, with `/` separators.
    public let path: String
    public let contents: Contents

    init(path: String, text: String) {
        self.path = path
        self.contents = .bytes(Array(text.utf8))
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = .bytes(bytes)
    }

    init(path: String, attachment: String) {
        self.path = path
        self.contents = .attachment(repositoryPath: attachment)
    }
}
