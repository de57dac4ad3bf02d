import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits what a descriptor reads into lines, in chunks of a megabyte; each byte is searched once.
struct LineReader {
    static let chunkSize = 1 << 20
    let descriptor: Int32

    /// Calls `body` with each line that holds more than white space, without its newline, until the end
    /// of input; a last line without a newline counts too.
    func forEachLine(_ body: (Data) -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var line: [UInt8] = []
        func finishLine() {
            if line.contains(where: { !Self.isWhiteSpace($0) }) { body(Data(line)) }
            // Keep a small buffer for the next line, but not the one a huge line grew.
            line.removeAll(keepingCapacity: line.capacity <= Self.chunkSize)
        }
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer throws in
                try Descriptor.readSome(from: descriptor, into: buffer)
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { buffer in
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
                var start = 0
                while let newline = memchr(bytes.baseAddress! + start, 0x0A, count - start) {
                    let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(newline))
                    line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    finishLine()
                    start = end + 1
                }
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
            }
        }
        finishLine()
    }

    // JSON's white space; `contains(where:)` stops at a message's first byte, so this costs nothing.
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
