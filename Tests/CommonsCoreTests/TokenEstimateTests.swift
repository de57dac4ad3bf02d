@testable import CommonsCore
import Testing

/// The estimate is the fitted formula of `Tests/bundle/check_tokens.py`'s measurement, computed the
/// same way on each kind of text it weighs; the values are the reference formula's.
@Suite struct TokenEstimateTests {
    @Test(arguments: [
        ("Hello, world!\n\n  Two  spaces and 12345 digits.", 13),
        ("Übergrößenträger café naïve — “quoted” 😀", 19),
        ("Привет мир, это тест. 日本語のテキスト。한국어 텍스트", 18),
        (##"{"id":"notes/a-long-identifier","markdown":"# Title\n\nText"}"##, 20),
        ("internationalization extraordinarily", 7),
        ("", 0),
    ])
    func estimatesAsTheReferenceFormulaDoes(text: String, tokens: Int) {
        #expect(TokenEstimate.of(text) == tokens)
    }

    /// A bundle is counted as it is written, a piece at a time: pieces split inside a word or a run of
    /// digits count as the whole.
    @Test func piecesCountAsTheWhole() {
        let text = "A sentence with internationalization, 1234567 and  spaces.\n"
        var pieces = TokenEstimate()
        for cut in stride(from: 0, to: text.utf8.count, by: 7) {
            pieces.add(utf8: Array(text.utf8.dropFirst(cut).prefix(7)))
        }
        #expect(pieces.tokens == TokenEstimate.of(text))
    }
}
