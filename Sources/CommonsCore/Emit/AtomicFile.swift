import Foundation

/// Writes one file through a temporary file beside it, renamed over it only once all is written, so
/// that a failed run leaves the previous file as it was.
enum AtomicFile {
    /// Errors of `produce` come out as they are; those of the file system as a `BuildError` naming the path.
    static func write(to path: String, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).partial-\(getpid())")
        let failure = { (reason: String) in BuildError("cannot write '\(path)': \(reason)") }
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            defer { try? handle.close() }
            try produce { bytes in
                do { try handle.write(contentsOf: bytes) } catch { throw failure(FileErrorText.reason(error)) }
            }
            do { try handle.synchronize() } catch { throw failure(FileErrorText.reason(error)) }
            guard rename(partial.path, target.path) == 0 else { throw failure(String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
