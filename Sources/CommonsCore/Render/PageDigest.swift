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

    init(theme: PageDigest, template: String, values: [PageValues]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        bytes += theme.hex.utf8
        bytes += Array(template.utf8) + [0]
        for value in values { value.digest(into: &bytes) }
        self.init(of: bytes)
    }

    init(of bytes: [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        hex = String(decoding: SHA256.hash(data: bytes).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}
