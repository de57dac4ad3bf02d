import CommonsMarkdown
import Foundation
import Testing

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func rendersGitHubExtensions() throws {
        let html = try renderer.render("""
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~gone~~ www.example.org

            - [x] done
            - [ ] todo

            Text[^1].

            [^1]: The note.
            """).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func splitsTheTextAtTopLevelHeadingsAsAReaderSeesIt() throws {
        let rendered = try renderer.render("""
            Before any *heading*, with [[Target|an alias]] and [[Plain target]].

            # Title

            > [!note] A callout
            > inside

            ## Lists and code

            - one
            - two \\[[not a link]]

            ```swift
            let x = 1
            ```

            | a | b |
            |---|---|
            | [[T\\|cell]] | 2 |

            <div>raw html, left out</div>
            """, wikilink: { .text($0.readerText) })
        let sections = rendered.sections.map { [$0.heading?.anchor ?? "-", $0.text] }
        #expect(sections == [
            ["-", "Before any heading, with an alias and Plain target."],
            ["title", "A callout inside"],
            ["lists-and-code", "one\ntwo [[not a link]]\nlet x = 1\na | b\ncell | 2"],
        ])
    }

    @Test func sanitisesRawHTMLAndDropsDangerousURLsUnlessAskedNotTo() throws {
        let text = "<b>bold</b> <script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
        let safe = try renderer.render(text).html
        #expect(safe.contains("<b>bold</b>"), "raw HTML on the allowlist stays (see HTMLSanitizerTests)")
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("javascript:"))
        let unsafe = try MarkdownRenderer(options: MarkdownOptions(unsafeHTML: true)).render(text).html
        #expect(unsafe.contains("<b>bold</b>"))
        #expect(unsafe.contains("javascript:alert(1)"))
        // GitHub's tag filter still defuses <script> when raw HTML is allowed.
        #expect(unsafe.contains("&lt;script>"))
    }

    @Test func collectsHeadingsLinksAndTheFirstParagraph() throws {
        let rendered = try renderer.render("""
            # The *title*

            First `paragraph`
            goes on.

            ## Part two

            [a](b.md) ![c](d.png)
            """)
        #expect(rendered.headings.map(\.text) == ["The title", "Part two"])
        #expect(rendered.headings.map(\.level) == [1, 2])
        #expect(rendered.headings.map(\.line) == [1, 6])
        #expect(rendered.firstParagraph == "First paragraph goes on.")
        #expect(rendered.links.map(\.destination) == ["b.md", "d.png"])
        #expect(rendered.links.map(\.isImage) == [false, true])
        #expect(rendered.links.first?.line == 8)
        #expect(rendered.opensWithTitleHeading)
        #expect(try !renderer.render("Text\n\n# Later").opensWithTitleHeading)
    }

    @Test func rewritesAndUnlinksDestinations() throws {
        let html = try renderer.render("[keep](https://x.org) [move](a.md) [drop *this*](secret.md)") { link in
            switch link.destination {
            case "a.md": .replace(destination: "../a/")
            case "secret.md": .unlink
            default: .keep
            }
        }.html
        #expect(html == "<p><a href=\"https://x.org\">keep</a> <a href=\"../a/\">move</a> drop <em>this</em></p>\n")
    }

    /// Only parsing is serialised; walking, editing and rendering trees run on many threads at once.
    /// Every extension whose parsing touches cmark-gfm's global tables is in the texts, with wikilinks
    /// (which edit the tree) and without, so that a race shows as a changed rendering.
    @Test func rendersTheSameOnManyThreadsAtOnce() async throws {
        let texts = [
            "~~strike~~ and www.example.org and | a |\n|---|\n| b |\n",
            "# Title\n\n- [x] done ~~old~~ [[Other note|other]] #tag\n\nA note[^1] at https://example.org.\n\n[^1]: The footnote.\n",
            "> [!tip] Callout\n> with `code` and $x^2$ and ![[Embedded]]\n\n| [[a]] | ~b~ |\n|---|---|\n| c | d |\n",
        ]
        let renderer = self.renderer
        let render = { @Sendable (index: Int) throws -> String in
            let text = texts[index % texts.count]
            return index % 2 == 0
                ? try renderer.render(text).html
                : try renderer.render(text, wikilink: { .link(href: "../\($0.target)/", text: $0.target) }).html
        }
        let expected = try (0..<6).map(render)
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<3000 {
                group.addTask { (index, try render(index)) }
            }
            return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        #expect(results.filter { index, html in html != expected[index % 6] }.isEmpty)
    }
}
