import Foundation

/// The order a reader expects of titles and folder names: without regard to case, and numbers by their
/// value ("Note 2" before "Note 10"), as Obsidian sorts. It is Foundation's comparison with those two
/// options and no locale, so the order is the same on every machine.
enum ReaderOrder {
    static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult {
        asciiOrder(lhs, rhs) ?? lhs.compare(rhs, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
    }

    /// The same order for two ASCII texts, found on their bytes: Foundation's goes through `NSString`
    /// and was a tenth of a `serve` rebuild. Nil where only Foundation can say: a text beyond ASCII,
    /// or a number too long for 64 bits (Foundation's own arithmetic then wraps).
    private static func asciiOrder(_ lhs: String, _ rhs: String) -> ComparisonResult? {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in asciiOrder(left, right) } }
    }

    private static func asciiOrder(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> ComparisonResult? {
        var i = 0, j = 0
        while i < left.count && j < right.count {
            let a = left[i], b = right[j]
            guard a < 0x80, b < 0x80 else { return nil }
            if isDigit(a) && isDigit(b) {
                // Numbers compare by value, so leading zeros do not count: "007" is "7".
                guard let (x, nextI) = number(left, from: i), let (y, nextJ) = number(right, from: j) else { return nil }
                if x != y { return x < y ? .orderedAscending : .orderedDescending }
                (i, j) = (nextI, nextJ)
                continue
            }
            let (x, y) = (lowercased(a), lowercased(b))
            if x != y { return x < y ? .orderedAscending : .orderedDescending }
            i += 1
            j += 1
        }
        // What is left of the longer text must be ASCII for its length to decide.
        guard left[i...].allSatisfy({ $0 < 0x80 }), right[j...].allSatisfy({ $0 < 0x80 }) else { return nil }
        let (leftRest, rightRest) = (left.count - i, right.count - j)
        return leftRest == rightRest ? .orderedSame : leftRest < rightRest ? .orderedAscending : .orderedDescending
    }

    /// The value of the digits from `start`, and where they end; nil past 18 digits.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (UInt64, Int)? {
        var value: UInt64 = 0, end = start
        while end < bytes.count, isDigit(bytes[end]) {
            guard end - start < 18 else { return nil }
            value = value * 10 + UInt64(bytes[end] - 0x30)
            end += 1
        }
        return (value, end)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
