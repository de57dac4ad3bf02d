import Foundation

/// One file of a site being staged, written with one open, write and close: Foundation's `Data.write`
/// wraps each in several calls of its own, which made writing a big site take several times longer.
///
/// A staging folder may be the spare site (see `SpareSite`), whose files are the live site's own
/// inodes: a file is never written in place, always made new, so staging never changes the live site.
enum StagedFile {
    /// Writes `bytes` at `path`, or links `path` to the previous site's file at `earlier` when that file
    /// holds the same bytes. An unchanged page then keeps its inode and modification time, so a deploy
    /// that compares times (rsync) or a file watcher sees only what a build changed, and the disk is
    /// spared rewriting it.
    static func write(_ bytes: [UInt8], to path: String, unlessAt earlier: String?) throws {
        // A spare site's file is the live site's own, and may be the one wanted already.
        if holds(bytes, atPath: path) { return }
        if let earlier, holds(bytes, atPath: earlier), linked(earlier, at: path) { return }
        try write(to: path) { try $0(bytes) }
    }

    /// Links `path` to the previous site's `file`, or copies it where the file system has no links.
    static func keep(_ file: String, at path: String) throws {
        if linked(file, at: path) { return }
        let bytes = try LocalFile.bytes(atPath: file)
        try write(to: path) { try $0(bytes) }
    }

    /// Whether `path` is `file` now: linked to it, or already the same file (a spare site's).
    private static func linked(_ file: String, at path: String) -> Bool {
        if link(file, path) == 0 { return true }
        guard errno == EEXIST else { return false }
        if SpareSite.sameEntry(file, path) { return true }
        return unlink(path) == 0 && link(file, path) == 0
    }

    /// Writes what `produce` hands over, a piece at a time, into a new file at `path`.
    static func write(to path: String, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let failure = { BuildError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        // Whatever is at the path goes first, and O_EXCL makes sure: truncating it could change the
        // live site, which shares the spare's files.
        if unlink(path) != 0 && errno != ENOENT { throw failure() }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        try produce { bytes in
            try bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { throw failure() }
                    written += count
                }
            }
        }
    }

    /// Whether the regular file at `path` holds exactly `bytes`; false when it cannot be read.
    static func holds(_ bytes: [UInt8], atPath path: String) -> Bool {
        guard let status = LocalFile.status(atPath: path), LocalFile.Kind(status) == .file, status.st_size == bytes.count else { return false }
        return (try? LocalFile.bytes(atPath: path)) == bytes
    }
}
