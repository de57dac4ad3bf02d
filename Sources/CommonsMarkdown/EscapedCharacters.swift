/// Keeps `\[[` from being read as a wikilink and `\#tag` as a tag. cmark resolves backslash escapes
/// before we see the text, so an escaped `[` or `#` is swapped for a private-use character before
/// parsing and swapped back after: as the bare character where escapes apply, and with its backslash
/// where they do not (code, raw HTML, autolinks).
enum EscapedCharacters {
    /// The characters whose escapes matter to our syntax, and the private-use character each becomes.
    private static let placeholders: [Unicode.Scalar: Unicode.Scalar] = ["[": "\u{E000}", "#": "\u{E003}"]
    private static let originals: [Unicode.Scalar: Unicode.Scalar] = ["\u{E000}": "[", "\u{E003}": "#"]

    /// Whether `scalar` is one of the private-use characters the renderer uses as markers (escapes,
    /// element ids, image sizes, highlights in table cells), which are replaced in the input.
    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xE00F).contains(scalar.value)
    }

    // By scalar, as cmark reads escapes: `\[` followed by a combining mark is one `Character`, and
    // still an escaped bracket.
    static func protect(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var backslashes = 0
        for scalar in ReservedCharacters.replaced(in: text, where: isReserved).unicodeScalars {
            if let placeholder = placeholders[scalar], backslashes % 2 == 1 {
                result.removeLast()
                result.append(placeholder)
                backslashes = 0
                continue
            }
            backslashes = scalar == "\\" ? backslashes + 1 : 0
            result.append(scalar)
        }
        return String(result)
    }

    static func containsPlaceholder(_ text: String) -> Bool {
        text.unicodeScalars.contains { originals[$0] != nil }
    }

    /// The text as cmark would have given it with the escape applied.
    static func restoreEscaped(_ text: String) -> String {
        restore(text, withBackslash: false)
    }

    /// The text as written, where backslashes are literal.
    static func restoreLiteral(_ text: String) -> String {
        restore(text, withBackslash: true)
    }

    private static func restore(_ text: String, withBackslash: Bool) -> String {
        guard containsPlaceholder(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let original = originals[scalar] {
                if withBackslash { result.append("\\") }
                result.append(original)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
