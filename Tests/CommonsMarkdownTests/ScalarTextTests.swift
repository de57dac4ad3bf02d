@testable import CommonsMarkdown
import PropertyBased
import Testing

/// The scanners' text helpers are written for speed; each must answer as the standard library's
/// slower, generic way does, on which the privacy scanners were first written and fuzzed.
@Suite struct ScalarTextTests {
    /// Texts made of the pieces scanners look for, glued to marks and joiners that make one
    /// `Character` of a delimiter and what follows.
    static let pieces = ["[", "]", "[[", "==", "=", "a", "é", "e\u{301}", "\u{200D}", "\u{0600}", "\u{E000}", "👍🏽", " ", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{3000}"]
    static let texts = Gen<String?>.element(of: pieces).array(of: 0...24).map { $0.compactMap { $0 }.joined() }

    @Test func byteSearchFindsWhatTheStandardLibraryFinds() async {
        // Needles are never empty: the scanners look for delimiters.
        await propertyCheck(count: 3000, input: Self.texts, Self.texts.filter { !$0.isEmpty }) { text, needle in
            let bytes = Array(text.utf8), pattern = Array(needle.utf8)
            #expect(bytes[...].firstRange(ofBytes: pattern) == bytes[...].firstRange(of: pattern), "\(text) / \(needle)")
            let slice = bytes.dropFirst(min(2, bytes.count))
            #expect(slice.firstRange(ofBytes: pattern) == slice.firstRange(of: pattern), "a slice keeps its indices")
            #expect(text.holdsBytes(needle) == (text.utf8.firstRange(of: needle.utf8) != nil))
            #expect(text[...].holdsBytes(needle) == (text.utf8.firstRange(of: needle.utf8) != nil))
        }
    }

    @Test func replacingBytesReplacesEachOccurrence() async {
        await propertyCheck(count: 2000, input: Self.texts) { text in
            let parts = Array(text.utf8).split(separator: UInt8(ascii: "["), omittingEmptySubsequences: false).map(Array.init)
            let expected = String(decoding: Array(parts.joined(separator: Array("\\[".utf8))), as: UTF8.self)
            #expect(text.replacingBytes(of: "[", with: "\\[") == expected)
        }
    }

    @Test func scalarsMakeTheSameString() async {
        await propertyCheck(count: 2000, input: Self.texts) { text in
            let scalars = Array(text.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars.dropFirst())
            #expect(String(scalars: scalars.dropFirst()) == String(view))
            #expect(String(scalars: scalars[...]).utf8.elementsEqual(text.utf8))
        }
    }

    /// Every scalar there is, against Unicode's properties and CommonMark's list.
    @Test func whiteSpaceAndPunctuationAgreeWithTheirDefinitions() {
        let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhiteSpace != scalar.properties.isWhitespace { Issue.record("U+\(String(value, radix: 16)) white space") }
            if scalar.isASCIIPunctuation != punctuation.contains(scalar) { Issue.record("U+\(String(value, radix: 16)) punctuation") }
        }
    }
}
