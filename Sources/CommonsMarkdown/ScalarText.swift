extension String {
    /// The text of a run of Unicode scalars. The scanners that must find ASCII delimiters as cmark
    /// does read text by scalar: a delimiter followed by a combining mark or a joiner is one
    /// `Character`, which no comparison with the delimiter would match.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        // Encoded into bytes first: appending to a `UnicodeScalarView` a scalar at a time was an
        // eighth of a cold build of a big history, in the redaction of past versions.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self.init(decoding: bytes, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// CommonMark's ASCII punctuation: the characters a backslash escapes.
    /// `!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`: the four runs of ASCII between its digits and letters.
    var isASCIIPunctuation: Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    /// Unicode's White_Space, as `properties.isWhitespace` answers, without the table look-up for
    /// ASCII, where the scanners spend nearly all their time.
    var isWhiteSpace: Bool {
        isASCII ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}

public extension StringProtocol {
    /// Whether the text holds `needle` byte for byte. `contains` compares `Character`s, and misses a
    /// `[[` or a `$` glued into one with a mark before or after it, where cmark still sees it.
    func holdsBytes(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        return utf8.withContiguousStorageIfAvailable { ByteSearch.first(pattern, in: $0) != nil }
            ?? (ByteSearch.first(pattern, in: Array(utf8)) != nil)
    }
}

extension String {
    /// The text with every `target`, byte for byte, replaced: `replacing` compares `Character`s, and
    /// would miss a marker glued to a joiner or a combining mark that follows it in the text.
    func replacingBytes(of target: String, with replacement: String) -> String {
        let bytes = Array(utf8), pattern = Array(target.utf8), substitute = Array(replacement.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var rest = bytes[...]
        while let range = rest.firstRange(ofBytes: pattern) {
            result += rest[..<range.lowerBound]
            result += substitute
            rest = rest[range.upperBound...]
        }
        result += rest
        return String(decoding: result, as: UTF8.self)
    }
}

extension ArraySlice<UInt8> {
    /// Where `pattern` first occurs, as indices of this slice. The standard library's
    /// `firstRange(of:)` is generic, and asks the runtime for type metadata at each step: a
    /// quarter of a cold build of a big history went to it.
    func firstRange(ofBytes pattern: [UInt8]) -> Range<Int>? {
        withUnsafeBufferPointer { ByteSearch.first(pattern, in: $0) }.map { (startIndex + $0)..<(startIndex + $0 + pattern.count) }
    }
}

/// A search for a run of bytes, written for bytes so that it compiles to a plain loop.
enum ByteSearch {
    static func first(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { first(pattern, in: $0) }
    }

    /// The offset of the first `pattern` in `bytes`; 0 for an empty pattern.
    static func first(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let head = pattern.first else { return 0 }
        guard pattern.count <= bytes.count else { return nil }
        return pattern.withUnsafeBufferPointer { pattern in
            var index = 0
            let last = bytes.count - pattern.count
            outer: while index <= last {
                if bytes[index] == head {
                    var offset = 1
                    while offset < pattern.count {
                        if bytes[index + offset] != pattern[offset] {
                            index += 1
                            continue outer
                        }
                        offset += 1
                    }
                    return index
                }
                index += 1
            }
            return nil
        }
    }
}
