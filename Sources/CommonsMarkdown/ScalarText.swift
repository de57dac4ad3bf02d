extension String {
    /// The text of a run of Unicode scalars. The scanners that must find ASCII delimiters as cmark
    /// does read text by scalar: a delimiter followed by a combining mark or a joiner is one
    /// `Character`, which no comparison with the delimiter would match.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.init(view)
    }
}

extension Unicode.Scalar {
    /// CommonMark's ASCII punctuation: the characters a backslash escapes.
    var isASCIIPunctuation: Bool {
        Self.asciiPunctuation.contains(self)
    }

    private static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
}

extension StringProtocol {
    /// Whether the text holds `needle` byte for byte. `contains` compares `Character`s, and misses a
    /// `[[` or a `$` glued into one with a mark before or after it, where cmark still sees it.
    func holdsBytes(_ needle: String) -> Bool {
        utf8.firstRange(of: needle.utf8) != nil
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
        while let range = rest.firstRange(of: pattern) {
            result += rest[..<range.lowerBound]
            result += substitute
            rest = rest[range.upperBound...]
        }
        result += rest
        return String(decoding: result, as: UTF8.self)
    }
}
