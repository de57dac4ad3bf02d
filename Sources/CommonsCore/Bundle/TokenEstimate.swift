/// How many tokens a model's tokenizer makes of a text, estimated without its vocabulary: a weighted
/// count of what byte-pair encoders split text into (words, long words' extra pieces, letters beyond
/// ASCII, CJK characters, digit groups, punctuation, line breaks and runs of spaces). The weights were
/// fitted to OpenAI's `o200k_base` on Markdown notes, generated notes, JSON bundles and text in eight
/// languages; `Tests/bundle/check_tokens.py` measures the error against that tokenizer, within ±10% on
/// whole commons where counting four bytes a token was 24% off on generated English.
///
/// Fed a piece at a time, so that a bundle is counted as it is written.
struct TokenEstimate {
    private var words = 0, longWordExtra = 0, latinExtended = 0, otherScripts = 0, cjk = 0, otherSymbols = 0
    private var digitGroups = 0, punctuation = 0, newlines = 0, extraSpaces = 0
    private var wordLength = 0, digitRun = 0
    private var previous = Kind.none

    private enum Kind { case none, letter, digit, newline, space, punctuation, other }

    static func of(_ text: String) -> Int {
        var estimate = TokenEstimate()
        estimate.add(text)
        return estimate.tokens
    }

    /// How the bundle says its tokens are counted.
    static let method = "a weighted count of words, long words, letters beyond ASCII, CJK characters, digit groups, punctuation, line breaks and runs of spaces, fitted to OpenAI's o200k_base tokenizer (within 10% on whole commons; other tokenizers count up to a quarter more)"

    mutating func add(_ text: String) {
        for scalar in text.unicodeScalars { add(scalar) }
    }

    mutating func add(utf8 bytes: [UInt8]) {
        add(String(decoding: bytes, as: UTF8.self))
    }

    var tokens: Int {
        let open = wordLength > 0 ? (1, max(0, wordLength - Self.longWord)) : (0, 0)
        let sum = 1.15 * Double(words + open.0) + 0.2 * Double(longWordExtra + open.1) + 1.55 * Double(latinExtended)
            + 0.08 * Double(otherScripts) + 0.75 * Double(cjk) + 0.65 * Double(otherSymbols) + 1.2 * Double(digitGroups)
            + 0.45 * Double(punctuation) + 0.4 * Double(newlines) + 0.33 * Double(extraSpaces)
        return Int(sum.rounded(.up))
    }

    /// Letters past this many in a word are counted again, as encoders split long words.
    private static let longWord = 8

    private mutating func add(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        let kind: Kind
        if value < 0x80 {
            switch value {
            case 0x41...0x5A, 0x61...0x7A: kind = .letter
            case 0x30...0x39: kind = .digit
            case 0x0A: kind = .newline
            case 0x20, 0x09, 0x0D: kind = .space
            default: kind = .punctuation
            }
        } else if Self.isLetter(scalar) {
            if value >= 0x800 {
                // CJK and other scripts written without spaces: about one token for each character or two.
                endWord()
                cjk += 1
                previous = .other
                return
            }
            if value < 0x250 { latinExtended += 1 } else { otherScripts += 1 }
            kind = .letter
        } else {
            kind = .other
        }
        if kind == .letter {
            wordLength += 1
        } else {
            endWord()
            switch kind {
            case .digit:
                digitRun = previous == .digit ? digitRun + 1 : 1
                if digitRun % 3 == 1 { digitGroups += 1 }
            case .punctuation: punctuation += 1
            case .newline: newlines += 1
            case .space where previous == .space: extraSpaces += 1
            case .other: otherSymbols += 1
            default: break
            }
        }
        previous = kind
    }

    private mutating func endWord() {
        guard wordLength > 0 else { return }
        words += 1
        longWordExtra += max(0, wordLength - Self.longWord)
        wordLength = 0
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}
