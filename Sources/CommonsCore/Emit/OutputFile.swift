/// One file of the generated site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes([UInt8])
        /// An attachment, copied from the tree when the site is written.
        case attachment(repositoryPath: String)
        /// Written a piece at a time by the closure, for files too large to hold whole.
        case stream(@Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void)
        /// The file at this path of the previous site, which holds what this one would, kept as it is.
        case previousSite(file: String)
        /// Made when it is written, so that a build holds only the files being written: a page, laid
        /// out then. The file made has the same path.
        case later(@Sendable () throws -> OutputFile)
    }

    /// Path inside the output folder, with `/` separators.
    public let path: String
    public let contents: Contents
    /// What the page was laid out from, for the next build to tell whether it must be laid out again;
    /// nil for what is not laid out with the theme's templates.
    var layoutDigest: PageDigest?

    init(path: String, text: String) {
        self.path = path
        self.contents = .bytes(Array(text.utf8))
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = .bytes(bytes)
    }

    init(path: String, stream: @escaping @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void) {
        self.path = path
        self.contents = .stream(stream)
    }

    init(path: String, later make: @escaping @Sendable () throws -> OutputFile) {
        self.path = path
        self.contents = .later(make)
    }

    init(path: String, attachment: String) {
        self.path = path
        self.contents = .attachment(repositoryPath: attachment)
    }
}

extension OutputFile {
    init(path: String, keptFrom file: String, digest: PageDigest) {
        self.path = path
        contents = .previousSite(file: file)
        layoutDigest = digest
    }
}

/// What writing a file of the site did, for the report and the page memo.
struct WrittenFile: Sendable {
    let path: String
    /// The digest the page was laid out from; nil for a file that is not a page.
    let layoutDigest: PageDigest?
    /// Kept from the previous site, for having the digest of the page there.
    let kept: Bool
}
