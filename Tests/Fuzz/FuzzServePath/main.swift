// Fuzzes `ServePath.sitePath`, which turns a request's path into a path of the served site, on the
// path as it arrives and once percent-decoded (as Hummingbird's file middleware hands it over).
//
// Invariants, read on the UTF-8 bytes, as a file system or a proxy would read the path: an accepted
// path keeps what followed its leading `/`, and has no `.` or `..` segment, no empty segment but a
// trailing one, no backslash, NUL or line break; and asking again for an accepted path gives it back.
@testable import CommonsServe
import Foundation
import FuzzSupport

/// Line breaks as Swift's `Character.isNewline` counts them, as UTF-8 byte sequences.
let lineBreaks: [[UInt8]] = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"].map { Array($0.utf8) }

func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard bytes.count >= needle.count else { return false }
    return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
}

func check(_ request: String) {
    guard let path = ServePath.sitePath(request) else { return }
    let context = "request \(quoted(request)) gives \(quoted(path))"
    invariant("/" + path == request, "the site path is not the request's path after its /: \(context)")
    let bytes = Array(path.utf8)
    invariant(!bytes.contains(UInt8(ascii: "\\")) && !bytes.contains(0), "a backslash or NUL passes: \(context)")
    invariant(!lineBreaks.contains { contains(bytes, $0) }, "a line break passes: \(context)")
    let segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    for (index, segment) in segments.enumerated() {
        invariant(!segment.elementsEqual([0x2E]) && !segment.elementsEqual([0x2E, 0x2E]), "a . or .. segment passes: \(context)")
        invariant(!segment.isEmpty || index == segments.count - 1, "an empty segment (//) passes: \(context)")
    }
    invariant(ServePath.sitePath("/" + path) == path, "asking again for \(quoted(path)) gives another answer")
}

FuzzDriver.run { bytes in
    let request = String(decoding: bytes, as: UTF8.self)
    check(request)
    if let decoded = request.removingPercentEncoding { check(decoded) }
}
