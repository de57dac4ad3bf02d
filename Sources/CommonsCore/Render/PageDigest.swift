import Crypto

/// What a page is laid out from, as a SHA-256 digest: the theme, the template's name and every value
/// the templates are given. Laying out is a function of these alone, so two layouts with one digest
/// are the same bytes, and a build can keep the previous site's file instead of laying it out again.
struct PageDigest: Hashable, Sendable {
    /// The digest in lowercase hex, as a cache file keeps it.
    let hex: String

    init(hex: String) {
        self.hex = hex
    }

    /// nil when a value is of a kind the digest does not know, and so cannot vouch for.
    init?(theme: PageDigest, template: String, values: [[String: Any]]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        bytes += theme.hex.utf8
        Self.append(template, to: &bytes)
        for value in values {
            guard Self.append(value, to: &bytes) else { return nil }
        }
        self.init(of: bytes)
    }

    init(of bytes: [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        hex = String(decoding: SHA256.hash(data: bytes).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Each value opens with its kind and each string and list with its length, so that no two
    /// different sets of values run together into the same bytes.
    private static func append(_ value: Any, to bytes: inout [UInt8]) -> Bool {
        switch value {
        case let string as String:
            append(string, to: &bytes)
        case let dictionary as [String: Any]:
            append(kind: 2, count: dictionary.count, to: &bytes)
            for key in dictionary.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                append(key, to: &bytes)
                guard append(dictionary[key]!, to: &bytes) else { return false }
            }
        case let array as [Any]:
            append(kind: 3, count: array.count, to: &bytes)
            for element in array {
                guard append(element, to: &bytes) else { return false }
            }
        case let flag as Bool:
            append(kind: 4, count: flag ? 1 : 0, to: &bytes)
        case let number as Int:
            append(kind: 5, count: number, to: &bytes)
        case let made as MadeForPage:
            bytes.append(7)
            return append(made.madeFrom, to: &bytes)
        default:
            // An optional put in an `Any`, as templates are given one for a value that may be missing.
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return false }
            guard let wrapped = mirror.children.first?.value else {
                append(kind: 6, count: 0, to: &bytes)
                return true
            }
            return append(wrapped, to: &bytes)
        }
        return true
    }

    private static func append(_ string: String, to bytes: inout [UInt8]) {
        append(kind: 1, count: string.utf8.count, to: &bytes)
        bytes += string.utf8
    }

    private static func append(kind: UInt8, count: Int, to bytes: inout [UInt8]) {
        bytes.append(kind)
        withUnsafeBytes(of: Int64(count).littleEndian) { bytes += $0 }
    }
}

/// A value a page's templates are given that is made into text only when the page is laid out, and
/// that its digest takes by what it is made from: a kept page then never pays for the text.
protocol MadeForPage {
    /// Everything the text is made from, as values the digest knows.
    var madeFrom: [Any] { get }
}
