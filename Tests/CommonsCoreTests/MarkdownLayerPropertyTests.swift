@testable import CommonsCore
import Foundation
import PropertyBased
import Testing

/// Random notes built from the pieces that make Markdown, front matter and links hard: whatever the
/// mix, the note layer never crashes or hangs, gives valid UTF-8, and lets no script through in safe mode.
/// Each run draws new cases; a failure prints the seed that reproduces it.
@Suite struct MarkdownLayerPropertyTests {
    static let pieces = [
        "---\n", "title: x\n", "private: true\n", "tags: [a, b]\n", ": [\n", "&a [*a]\n",
        "# ", "## ", "\n", "\n\n", "  ", "\t", "> ", "- ", "1. ", "- [ ] ", "| a | b |\n|---|---|\n", "```\n", "~~~", "    ",
        "*", "_", "**", "~~", "`", "\\", "[", "]", "(", ")", "!", "[^1]", "[^1]: n\n", "<", ">", "&", "&amp;", "&#0;",
        "[x](a.md)", "[x](../../../b.md)", "![i](pic.png)", "[x](%2e%2e/c.md)", "[x](a%00.md)", "<a.md>",
        "<script>alert(1)</script>", "<SCRIPT SRC=x>", "<scr<script>ipt>", "<img src=x onerror=alert(1)>",
        "[j](javascript:alert(1))", "[j](JaVaScRiPt:alert(1))", "<javascript:alert(1)>", "[d](data:text/html,<script>x</script>)",
        "[[", "]]", "[[pic.png|300]]", "![[pic.png]]", "[[example]]", "[[#Heading]]", "[[a#^b|c]]", "|", "#", "^", "\\[[",
        "> [!note] ", "> [!tip]- Folded\n", "[!", " #tag", " #a/b ", " ^block", "![[example]]\n",
        "<!--", "-->", "<?php", "<![CDATA[", "www.example.org", "https://x.org/<script>", "é", "e\u{301}", "日本", "\u{FEFF}", "\r\n", "🙂",
    ]

    /// An `on...=` attribute inside a real tag (escaped text starts with `&lt;`, so it does not match).
    nonisolated(unsafe) static let handlerAttribute = /<[a-z][^>]*\son[a-z]+=/
    nonisolated(unsafe) static let quotedValue = /"[^"]*"/

    static let notes = Gen<String?>.element(of: pieces).array(of: 0...80).map { $0.compactMap { $0 }.joined() }

    // The limit guards against a hang, not a slow run: under the sanitizer, beside the other tests on
    // two cores, these 2,000 cases took over two minutes.
    @Test(.timeLimit(.minutes(10)))
    func anyNoteRendersSafely() async throws {
        await propertyCheck(count: 2000, input: Self.notes) { text in
            guard let html = try NoteRendering.bodyIfPublished(of: text) else { return }
            #expect(String(validating: Array(html.utf8), as: UTF8.self) != nil)
            let lowered = html.lowercased()
            #expect(!lowered.contains("<script"), "a script tag came through")
            #expect(!lowered.contains("href=\"javascript:") && !lowered.contains("src=\"javascript:"), "a javascript: URL came through")
            // Attribute values are quoted and escaped, so they are emptied before looking for attributes.
            let tags = lowered.replacing(Self.quotedValue, with: "\"\"")
            #expect(tags.firstMatch(of: Self.handlerAttribute) == nil, "an event handler came through in a tag")
        }
    }

    // The limit guards against a hang, not a slow run: under the sanitizer, beside the other tests on
    // two cores, these 2,000 cases took over two minutes.
    @Test(.timeLimit(.minutes(10)))
    func anyBytesAreDecodedOrRejected() async throws {
        await propertyCheck(count: 1000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...200)) { bytes in
            switch ParseNotes.decode(bytes) {
            case .success(let text):
                _ = try NoteRendering.bodyIfPublished(of: text)
            case .failure(let problem):
                #expect(["encoding", "lfs-pointer", "oversized-file"].contains(problem.rule.rawValue))
            }
        }
    }
}
