import Foundation

/// Writes one file through a temporary file beside it, renamed over it only once all is written, so
/// that a failed run leaves the previous file as it was.
enum AtomicFile {
    static func write(to path: String, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).partial-\(getpid())")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw BuildError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            try produce { try handle.write(contentsOf: $0) }
            try handle.synchronize()
            guard rename(partial.path, target.path) == 0 else {
                throw BuildError("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            if error is BuildError { throw error }
            throw BuildError("cannot write '\(path)': \(FileErrorText.reason(error))")
        }
    }
}
