/// The renderer marks places in the text with private-use characters while cmark parses it (escaped
/// brackets, element ids, math spans). Text must not be able to forge a marker, or it would show a
/// math span, an escape or an id where it is written: so each such character in the input, and each
/// numeric character reference cmark would turn into one, becomes U+FFFD first. Read by Unicode
/// scalar, since a combining mark after a marker makes one `Character` of the two.
enum ReservedCharacters {
    static func replaced(in text: String, where isReserved: (Unicode.Scalar) -> Bool) -> String {
        var result = text
        if text.unicodeScalars.contains(where: isReserved) {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { scalars.append(isReserved(scalar) ? "\u{FFFD}" : scalar) }
            result = String(scalars)
        }
        guard result.holdsBytes("&#") else { return result }
        return result.replacing(/&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/) { match in
            let value = match.1.flatMap { UInt32($0, radix: 16) } ?? match.2.flatMap { UInt32($0) }
            return value.flatMap(Unicode.Scalar.init).map(isReserved) == true ? "&#xFFFD;" : String(match.0)
        }
    }
}
