/// Keeps `\[[` from being read as a wikilink. cmark resolves backslash escapes before we see the text,
/// so an escaped bracket is swapped for a private-use character before parsing and swapped back after,
/// as `[` where escapes apply and as `\[` where they do not (code, raw HTML, autolinks).
enum EscapedBrackets {
    static let placeholder: Character = "\u{E000}"
    /// Private-use characters the renderer uses as markers; they are replaced in the input.
    static let reserved: Set<Character> = ["\u{E000}", "\u{E001}", "\u{E002}"]

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
            if character == "[" && backslashes % 2 == 1 {
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

    /// The text as cmark would have given it with the escape applied.
    static func restoreEscaped(_ text: String) -> String {
        text.contains(placeholder) ? text.replacingAll(placeholder, with: "[") : text
    }

    /// The text as written, where backslashes are literal.
    static func restoreLiteral(_ text: String) -> String {
        text.contains(placeholder) ? text.replacingAll(placeholder, with: "\\[") : text
    }
}

extension String {
    func replacingAll(_ character: Character, with replacement: String) -> String {
        var result = ""
        for each in self {
            if each == character { result += replacement } else { result.append(each) }
        }
        return result
    }
}
