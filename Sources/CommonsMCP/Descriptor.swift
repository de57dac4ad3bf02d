import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking reads and writes on a file descriptor that also work when the descriptor is non-blocking:
/// standard input and output are shared with the parent process, which may have made them so.
enum Descriptor {
    /// Reads what is there, at most `buffer.count` bytes, waiting for some; 0 at the end of input.
    static func readSome(from descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            try retry(errno, waitingFor: POLLIN, on: descriptor, "cannot read standard input")
        }
    }

    /// Writes all of `data`.
    static func writeAll(_ data: Data, to descriptor: Int32) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count >= 0 {
                    offset += count
                } else {
                    try retry(errno, waitingFor: POLLOUT, on: descriptor, "cannot write standard output")
                }
            }
        }
    }

    /// Returns when the call that failed with `code` is worth trying again, and throws otherwise.
    private static func retry(_ code: Int32, waitingFor event: Int32, on descriptor: Int32, _ operation: String) throws {
        switch code {
        case EINTR:
            return
        case EAGAIN, EWOULDBLOCK:
            var wait = pollfd(fd: descriptor, events: Int16(event), revents: 0)
            _ = poll(&wait, 1, -1)
        default:
            throw DescriptorError(operation: operation, code: code)
        }
    }
}

/// A read or write that failed, with the system's words for why.
struct DescriptorError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32

    var description: String { "\(operation): \(String(cString: strerror(code)))" }
}
