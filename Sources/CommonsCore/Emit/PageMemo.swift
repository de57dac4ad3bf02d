import Foundation

/// The pages of the last build into an output folder, each with the digest of what it was laid out
/// from and the status its file was left with, for the next build into that folder: a page whose
/// digest is the same is kept from the previous site instead of laid out and written again.
///
/// A file of the previous site whose status changed since (edited, replaced, or the folder built by
/// another build) is laid out again. The memo is made for one executable: another version may lay out
/// the same values otherwise.
struct PageMemo: Sendable {
    static let format = "commons page memo 1"

    /// The previous site.
    let folder: String
    private let file: CacheFile
    private let pages: [String: (digest: PageDigest, status: FileStatus)]

    init(store: CacheStore, outputFolder: String) {
        folder = outputFolder
        // One file for each output folder, so that builds into two folders do not spoil each other's.
        let name = "pages-" + PageDigest(of: Array(outputFolder.utf8)).hex.prefix(16) + ".cache"
        file = store.file(name, header: [Self.format, outputFolder, Self.executableIdentity])
        var pages: [String: (digest: PageDigest, status: FileStatus)] = [:]
        for record in file.records() ?? [] {
            let fields = CacheFile.fields(of: record)
            guard fields.count == 9, let status = FileStatus(fields: fields.dropFirst(2)) else {
                pages = [:]
                break
            }
            pages[CacheFile.unescape(fields[0])] = (PageDigest(hex: String(fields[1])), status)
        }
        self.pages = pages
    }

    /// The previous site's file at `path`, when it was laid out from `digest` and is as that build left it.
    func keptFile(at path: String, digest: PageDigest) -> String? {
        guard let page = pages[path], page.digest == digest else { return nil }
        let file = folder + "/" + path
        guard let status = LocalFile.status(atPath: file), FileStatus(status) == page.status else { return nil }
        return file
    }

    /// Remembers the laid-out pages of `files`, as the build just written into the folder left them.
    func save(_ files: [WrittenFile]) {
        var text = ""
        for page in files {
            guard let digest = page.layoutDigest, let status = LocalFile.status(atPath: folder + "/" + page.path).map(FileStatus.init) else { continue }
            text += ([CacheFile.escape(page.path), digest.hex] + status.fields.map(String.init)).joined(separator: "\t") + "\n"
        }
        file.write(text)
    }

    /// The running executable's file, by its status; when it cannot be told, one that matches no other.
    static let executableIdentity: String = {
        var status = stat()
        guard let path = Bundle.main.executablePath, stat(path, &status) == 0 else { return UUID().uuidString }
        return FileStatus(status).fields.map(String.init).joined(separator: "-")
    }()
}
