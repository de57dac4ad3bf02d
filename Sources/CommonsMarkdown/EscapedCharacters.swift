/// Keeps `\[[` from being read as a wikilink and `\#tag` as a tag. cmark resolves backslash escapes
/// before we see the text, so an escaped `[` or `#` is swapped for a private-use character before
/// parsing and swapped back after: as the bare character where escapes apply, and with its backslash
/// where they do not (code, raw HTML, autolinks).
enum EscapedCharacters {
    /// The characters whose escapes matter to our syntax, and the private-use character each becomes.
    private static let placeholders: [Character: Character] = ["[": "\u{E000}", "#": "\u{E003}"]
    private static let originals: [Character: Character] = ["\u{E000}": "[", "\u{E003}": "#"]
    /// Private-use characters the renderer uses as markers; they are replaced in the input.
    static let reserved: Set<Character> = ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"]

    static func protect(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var backslashes = 0
        for character in text {
            if reserved.contains(character) {
                result.append("\u{FFFD}")
                backslashes = 0
                continue
            }
            if let placeholder = placeholders[character], backslashes % 2 == 1 {
                result.removeLast()
                result.append(placeholder)
                backslashes = 0
                continue
            }
            backslashes = character == "\\" ? backslashes + 1 : 0
            result.append(character)
        }
        return result
    }

    static func containsPlaceholder(_ text: String) -> Bool {
        text.contains { originals[$0] != nil }
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
        var result = ""
        for character in text {
            if let original = originals[character] {
                if withBackslash { result.append("\\") }
                result.append(original)
            } else {
                result.append(character)
            }
        }
        return result
    }
}
