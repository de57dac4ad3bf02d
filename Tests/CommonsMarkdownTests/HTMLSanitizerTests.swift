@testable import CommonsMarkdown
import Foundation
import PropertyBased
import Testing

/// Raw HTML in safe mode is sanitised, as GitHub sanitises it, instead of dropped. Results are compared
/// as trees, each side parsed by the same HTML5 parser, not as strings.
@Suite struct HTMLSanitizerTests {
    /// A parsed tree as plain values: what a browser would build from the HTML.
    indirect enum DOM: Equatable, CustomStringConvertible {
        case element(String, attributes: [String: String], children: [DOM], html: Bool)
        case text(String)

        static func parse(_ html: String) throws -> [DOM] {
            try normalised(HTMLFragment(parsing: html).nodes.compactMap(DOM.init))
        }

        init?(_ node: HTMLFragment.Node) {
            switch node.kind {
            case .element, .template:
                self = .element(node.name, attributes: Dictionary(node.attributes.map { ($0.name, $0.value) }) { first, _ in first },
                                children: DOM.normalised(node.children.compactMap(DOM.init)), html: node.isHTML)
            case .text, .whitespace:
                // Line breaks between blocks are no content.
                guard !node.text.allSatisfy(\.isWhitespace) else { return nil }
                self = .text(node.text)
            case .comment, .cdata, .other:
                return nil
            }
        }

        /// Adjacent texts joined, so that two spellings of one text compare equal.
        static func normalised(_ nodes: [DOM]) -> [DOM] {
            var result: [DOM] = []
            for node in nodes {
                if case .text(let text) = node, case .text(let before)? = result.last {
                    result[result.count - 1] = .text(before + text)
                } else {
                    result.append(node)
                }
            }
            return result
        }

        /// Every element below and including this node, depth first.
        var elements: [(name: String, attributes: [String: String], html: Bool)] {
            guard case .element(let name, let attributes, let children, let html) = self else { return [] }
            return [(name, attributes, html)] + children.flatMap(\.elements)
        }

        var text: String {
            switch self {
            case .text(let text): text
            case .element(_, _, let children, _): children.map(\.text).joined()
            }
        }

        var description: String {
            switch self {
            case .text(let text): "\"\(text)\""
            case .element(let name, let attributes, let children, _):
                "<\(name)\(attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined())>"
                    + children.map(\.description).joined() + "</\(name)>"
            }
        }
    }

    let renderer = MarkdownRenderer()

    func render(_ markdown: String, rewrite: (RenderedMarkdown.Link) -> MarkdownRenderer.LinkAction = { _ in .keep }) throws -> RenderedMarkdown {
        try renderer.render(markdown, rewrite: rewrite, wikilink: { .link(href: "../\($0.target.lowercased())/", text: $0.readerText) },
                            tagHref: { "/tags/\($0)/" })
    }

    /// The help vault's fragments, each with the HTML it should render as.
    @Test(arguments: [
        ("Press <kbd>Ctrl</kbd> + <kbd>P</kbd>.", "<p>Press <kbd>Ctrl</kbd> + <kbd>P</kbd>.</p>"),
        ("a<br>b", "<p>a<br>b</p>"),
        ("line three<br>\nline four", "<p>line three<br>\nline four</p>"),
        ("x<sup>1</sup> and H<sub>2</sub>O", "<p>x<sup>1</sup> and H<sub>2</sub>O</p>"),
        ("Roam <span class='flair'>Not <i>that</i> one</span>", "<p>Roam <span>Not <i>that</i> one</span></p>"),
        ("to <u>underline</u> or <s>strike</s>", "<p>to <u>underline</u> or <s>strike</s></p>"),
        ("<details><summary>More</summary>Hidden</details>", "<details><summary>More</summary>Hidden</details>"),
        ("<details open>\n<summary>More</summary>\n\n**Markdown** inside\n\n</details>",
         "<details open=\"\"><summary>More</summary><p><strong>Markdown</strong> inside</p></details>"),
        ("<img src=\"x.png\" width=\"200\">", "<img src=\"x.png\" width=\"200\">"),
        ("<iframe src=\"https://www.youtube.com/embed/abc\" title=\"A video\"></iframe>",
         "<a href=\"https://www.youtube.com/embed/abc\">A video</a>"),
        ("<p>line five</p>\n<p>line six</p>", "<p>line five</p><p>line six</p>"),
        ("<h2>This is a heading 2</h2>", "<h2>This is a heading 2</h2>"),
        ("| a | b |\n|---|---|\n| `Cmd`<br><br>if any | <kbd>Ctrl</kbd> |",
         "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><code>Cmd</code><br><br>if any</td><td><kbd>Ctrl</kbd></td></tr></tbody></table>"),
        ("<div style=\"padding:62%\"><div class=\"interface\"><iframe src=\"https://fast.wistia.net/embed/iframe/f26?seo=false\" title=\"2026-04-22 Video\" allow=\"autoplay\"></iframe></div></div>",
         "<div><div><a href=\"https://fast.wistia.net/embed/iframe/f26?seo=false\">2026-04-22 Video</a></div></div>"),
    ])
    func helpVaultFragmentsRender(markdown: String, expected: String) throws {
        let html = try render(markdown).html
        #expect(try DOM.parse(html) == DOM.parse(expected), "\(html)")
    }

    @Test func whatIsLeftOutIsReportedWhereItIs() throws {
        let rendered = try render("""
            # Title

            Text <span style="color:red" onclick="x()">red</span>, <font>old</font>.

            <script>alert(1)</script>

            <iframe src="https://player.vimeo.com/video/1"></iframe>
            """)
        #expect(try DOM.parse(rendered.html) == DOM.parse("""
            <h1 id="title">Title</h1>
            <p>Text <span>red</span>, old.</p>
            <a href="https://player.vimeo.com/video/1">https://player.vimeo.com/video/1</a>
            """))
        let left = rendered.leftOutHTML.map { "\($0.line):\($0.column) \($0)" }
        // What changes only the look (a style, a `<font>` whose text stays) goes without a word: a
        // vault's every `<span class=…>` would bury the warnings that matter. Nor is a player shown
        // as a link to what it plays a loss to report.
        #expect(left == ["3:30 the attribute onclick of <span>", "5:1 <script> and its content"])
    }

    @Test(arguments: [
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"java&#9;script:alert(1)\">x</a>", "<a href=\" &#14; javascript:alert(1)\">x</a>", "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a href=javascript&colon;alert(1)>x</a>",
    ])
    func dangerousLinksLoseTheirURL(markdown: String) throws {
        let rendered = try render(markdown)
        #expect(try DOM.parse(rendered.html) == DOM.parse("<p><a>x</a></p>"), "\(rendered.html)")
        #expect(rendered.leftOutHTML.count == 1)
    }

    @Test func imagesMayBeDataURLsOfRasterImagesOnly() throws {
        #expect(try render("<img src=\"data:image/png;base64,iVBO\">").html.contains("src=\"data:image/png;base64,iVBO\""))
        let svg = try render("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=\"pic\">").html
        #expect(svg.trimmingCharacters(in: .whitespacesAndNewlines) == "pic", "an image that may not be shown leaves its text")
    }

    @Test func rawURLsAreResolvedAsMarkdownLinksAre() throws {
        var seen: [RenderedMarkdown.Link] = []
        let rendered = try render("""
            See <a href="Other.md">the other</a> and <img src="private/scan.png" alt="a scan">.

            <a href="https://example.org/">out</a>
            """) { link in
            seen.append(link)
            switch link.destination {
            case "Other.md": return .replace(destination: "../other/")
            case "private/scan.png": return .unlink
            default: return .keep
            }
        }
        #expect(try DOM.parse(rendered.html) == DOM.parse("""
            <p>See <a href="../other/">the other</a> and a scan.</p>
            <p><a href="https://example.org/">out</a></p>
            """), "\(rendered.html)")
        // Where each URL is written: the attribute's line and column.
        #expect(seen.map { "\($0.destination) \($0.isImage) \($0.line):\($0.column)" }
                == ["Other.md false 1:8", "private/scan.png true 1:47", "https://example.org/ false 3:4"])
        #expect(seen.first?.context == "See the other and .")
    }

    /// cmark-gfm's and commons' own markup comes out of the sanitiser as it went in: the same note
    /// with and without raw HTML renders the same tree around it.
    @Test func commonsOwnMarkupSurvives() throws {
        let note = """
            # Heading

            A [[Link]], a [[Missing]], #tag, ==marked==, $x^2$, a footnote[^1], ~~gone~~ and ![img](pic.png "t").

            > [!tip]- Folded *title*
            > Body with `code`.

            > [!note]
            > Plain.

            - [ ] open
            - [x] done

            ```swift
            let x = 1
            ```

            | a | b |
            |:--|--:|
            | ![[pic.png]] | [x](https://example.org) |

            $$
            \\sum_i i
            $$

            ![[Embedded]]

            ![[movie.mp4]] ![[talk.pdf]] ![[song.mp3]] ![[photo.png|300x200]]

            A paragraph ^block-id

            [^1]: The note.
            """
        let renderer = MarkdownRenderer()
        func html(_ text: String) throws -> String {
            try renderer.render(text, wikilink: { link in
                switch link.target {
                case "Missing": .unresolved(text: link.readerText)
                case "Embedded": .block(html: "<div class=\"embed\">\n<p class=\"embed-title\"><a href=\"../embedded/\">Embedded</a></p>\n<p>Its text.</p>\n</div>\n")
                case "movie.mp4": .media(.video, src: "../movie.mp4", title: "movie")
                case "talk.pdf": .media(.pdf, src: "../talk.pdf", title: "talk")
                case "song.mp3": .media(.audio, src: "../song.mp3", title: "song")
                case let target where target.hasSuffix(".png"): .image(src: "../\(target)", alt: target, size: link.imageSize)
                default: .link(href: "../\(link.target.lowercased())/", text: link.readerText)
                }
            }, tagHref: { "/tags/\($0)/" }).html
        }
        let plain = try html(note)
        let withRaw = try html(note + "\n\n<kbd>raw</kbd>\n")
        #expect(!plain.contains("<kbd>"))
        let raw = try DOM.parse("<p><kbd>raw</kbd></p>")
        let actual = try DOM.parse(withRaw)
        #expect(actual.filter { $0 != raw[0] } == (try DOM.parse(plain)), "\(plain)\n---\n\(withRaw)")
        #expect(actual.count == (try DOM.parse(plain)).count + 1)
    }

    /// Every class commons writes in its own markup is on the list the sanitiser keeps: a new one that
    /// is not would vanish from each note that also holds raw HTML.
    @Test func everyClassCommonsWritesIsAllowed() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../Sources")
        let folders = ["CommonsMarkdown", "CommonsCore/Render"]
        var classes: Set<String> = []
        for folder in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: sources.appending(path: folder).path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appending(path: "\(folder)/\(file)"), encoding: .utf8)
                for match in text.matches(of: /class=\\"([a-z0-9 -]+)\\"/) {
                    classes.formUnion(match.output.1.split(separator: " ").map(String.init))
                }
            }
        }
        #expect(classes.count > 10)
        #expect(classes.filter { !HTMLAllowlist.OwnMarkup.allowsClass($0) }.isEmpty)
    }

    @Test func unsafeModePassesRawHTMLThrough() throws {
        let rendered = try MarkdownRenderer(options: MarkdownOptions(unsafeHTML: true)).render("<span style=\"color:red\">x</span>")
        #expect(rendered.html.contains("<span style=\"color:red\">x</span>"))
        #expect(rendered.leftOutHTML.isEmpty)
    }

    @Test func aNoteWithTooMuchRawHTMLGoesWithoutIt() throws {
        let rendered = try render(String(repeating: "<div>", count: 20_000) + "\n\ntext\n")
        #expect(!rendered.html.contains("<div"))
        #expect(rendered.html.contains("<p>text</p>"))
        #expect(rendered.leftOutHTML.map(\.description) == ["all of it: more than 10000 tags, more than commons sanitises in one note"])
        let deep = try render(String(repeating: ">", count: 2_000) + " <b>x</b>\n")
        #expect(!deep.html.contains("<b>"))
        #expect(deep.leftOutHTML.map(\.description) == ["all of it: the note's Markdown nests 2003 deep, more than commons sanitises (1,000)"])
    }

    /// An element whose content is read as text, or a comment, left open by a piece of raw HTML would take
    /// the rest of the page with it: it is closed where the piece ends.
    @Test(arguments: [
        ("Use <style> for styles.\n\nMore *text*.", "<p>Use  for styles.</p><p>More <em>text</em>.</p>"),
        ("A <title>Name</title> here.\n\nMore.", "<p>A Name here.</p><p>More.</p>"),
        ("See <iframe src=\"https://x.org/v\" title=\"the video\"></iframe> now.\n\nMore.", "<p>See <a href=\"https://x.org/v\">the video</a> now.</p><p>More.</p>"),
        ("<div>\n<!-- a note\n\nMarkdown *after*.", "<div><p>Markdown <em>after</em>.</p></div>"),
        ("<template>\n\nShown.", "<p>Shown.</p>"),
        ("<div><plaintext>\n\nShown.", "<div>&lt;plaintext&gt;\n<p>Shown.</p></div>"),
    ])
    func nothingLeftOpenSwallowsThePage(markdown: String, expected: String) throws {
        let html = try render(markdown).html
        #expect(try DOM.parse(html) == DOM.parse(expected), "\(html)")
    }

    /// gumbo 0.10, as Debian builds it, stops the process on this input (an assertion in
    /// `node_qualified_tag_is`); the parse is abandoned instead, with all it allocated (LeakSanitizer
    /// checks that under `make sanitize`), and the raw HTML is left out with a note of why.
    @Test func htmlThatFailsOneOfGumbosChecksIsLeftOut() throws {
        let html = "<table><svg><select><title><select></select></title></select></svg></table>"
        #expect(throws: HTMLParseError.self) { try HTMLFragment(parsing: html) }
        let rendered = try render("Before.\n\n\(html)\n\nAfter <kbd>x</kbd>.\n")
        #expect(rendered.html.contains("<p>Before.</p>") && rendered.html.contains("<p>After ") && !rendered.html.contains("<svg")
                && !rendered.html.contains("<select"), "\(rendered.html)")
        #expect(rendered.leftOutHTML.map(\.description).contains { $0.contains("node_qualified_tag_is") }, "\(rendered.leftOutHTML)")
        // The next parse on the same thread is a plain one again.
        #expect(try HTMLFragment(parsing: "<b>x</b>").nodes.count == 1)
    }

    /// Thousands of nested elements are written out without recursion, each closed.
    @Test func deepNestingIsSanitised() throws {
        let rendered = try render(String(repeating: "<div>", count: 9_000) + "\n\ntext\n")
        #expect(rendered.html.components(separatedBy: "<div>").count == 9_001)
        #expect(rendered.html.components(separatedBy: "</div>").count == 9_001)
        #expect(rendered.html.contains("<p>text</p>"))
    }

    // MARK: - Properties

    /// Pieces of tag soup, each a way past a sanitiser that someone once found.
    static let soup = [
        "<script>alert(1)</script>", "<script>", "</script>", "<SCRIPT SRC=//x.js>", "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "<IMG SRC=\"jav&#x61;script:alert(1)\">", "<img src=\"x\" ONERROR=\"alert(1)\"/>",
        "<a href=\"javascript:alert(1)\">", "<a href='vbscript:x'>", "<a href=jav&#x61;script:alert(1)>", "<a href=\"java\tscript:x\">",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;x\">", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">",
        "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<math><mi><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\">", "<iframe src=\"javascript:alert(1)\">", "<iframe src=\"https://www.youtube.com/embed/x\">",
        "<style>body{display:none}</style>", "<style>", "<div style=\"background:url(javascript:x)\">", "<link rel=stylesheet href=x>",
        "<object data=\"x.swf\">", "<embed src=x>", "<form action=x><input name=q><button formaction=javascript:x>",
        "<!--", "-->", "<!-- <script>alert(1)</script> -->", "<![CDATA[<script>alert(1)</script>]]>", "<?xml x?>", "<!DOCTYPE html>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<textarea>", "</textarea>", "<title>", "<xmp>", "<plaintext>",
        "<template><script>alert(1)</script></template>", "<details open ontoggle=alert(1)>", "<summary>", "</details>",
        "<kbd>", "</kbd>", "<span>", "</span>", "<b>", "</b>", "<i class=x id=y>", "<p>", "</p>", "<br>", "<table>", "<tr>", "<td>", "</table>",
        "<li>", "<ul>", "</ul>", "<pre>", "\n", "\n\n", "text", " ", "&amp;", "&lt;", "\"", "'", "=", ">", "<", "</", "/>",
        "<a href=x title='", "' onmouseover=alert(1) x='", "<base href=\"javascript:/\">", "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
        "<DIV>", "<Img Src=x OnError=alert(1)>", "<a\nhref=\"javascript:x\">", "<img src=`x`onerror=alert(1)>",
        "<source srcset=\"javascript:x 1x, x.png 2x\">", "<picture>", "<q cite=\"javascript:x\">", "<a href=\"#frag\">",
        "**bold**", "[link](javascript:x)", "[[Wiki]]", "> [!note] ", "- ", "# ", "| a |\n|---|\n| <kbd>x |", "`<script>`",
    ]

    static let soups = Gen<String?>.element(of: soup).array(of: 0...40).map { $0.compactMap { $0 }.joined() }

    /// What no sanitised output may hold, checked on the tree a browser would build from it.
    static func checkSafe(_ html: String, allowed: Set<String>) throws {
        for element in try DOM.parse(html).flatMap(\.elements) {
            #expect(element.html || HTMLAllowlist.OwnMarkup.svgElements.contains(element.name), "a foreign element <\(element.name)> came through")
            #expect(allowed.contains(element.name) || HTMLAllowlist.OwnMarkup.svgElements.contains(element.name),
                    "the element <\(element.name)> is not allowed: \(html)")
            for (name, value) in element.attributes {
                #expect(!name.hasPrefix("on"), "an event handler \(name) came through: \(html)")
                #expect(!["style", "srcdoc", "formaction", "action"].contains(name), "the attribute \(name) came through: \(html)")
                if HTMLAllowlist.urlAttributes.contains(name) {
                    let urls = name == "srcset" ? value.split(separator: ",").map { String($0.split(separator: " ").first ?? "") } : [value]
                    for url in urls {
                        let scheme = URLSafety.scheme(of: url)
                        #expect(scheme != "javascript" && scheme != "vbscript", "a \(scheme ?? "") URL came through: \(html)")
                        #expect(scheme != "data" || url.lowercased().hasPrefix("data:image/"), "a data: URL came through: \(html)")
                    }
                }
            }
        }
        let lowered = html.lowercased()
        #expect(!lowered.contains("<script") && !lowered.contains("<style"), "\(html)")
    }

    // The limit guards against a hang, not a slow run: under the sanitizer, beside the other tests on
    // two cores, these 2,000 cases took over two minutes.
    @Test(.timeLimit(.minutes(10)))
    func tagSoupSanitisedAloneIsSafe() async throws {
        await propertyCheck(count: 2000, input: Self.soups) { soup in
            let result = try HTMLSanitizer.sanitize(soup)
            try Self.checkSafe(result.html, allowed: HTMLAllowlist.elements)
            // Sanitised HTML is stable: a second pass finds nothing to change, so the browser's tree is the one checked.
            let again = try HTMLSanitizer.sanitize(result.html)
            #expect(try DOM.parse(again.html) == DOM.parse(result.html), "\(soup)")
            #expect(again.removed.isEmpty, "\(soup) → \(result.html) → \(again.removed)")
        }
    }

    // The limit guards against a hang, not a slow run: under the sanitizer, beside the other tests on
    // two cores, these 2,000 cases took over two minutes.
    @Test(.timeLimit(.minutes(10)))
    func tagSoupInANoteRendersSafely() async throws {
        let renderer = MarkdownRenderer()
        await propertyCheck(count: 2000, input: Self.soups) { soup in
            let html = try renderer.render(soup, wikilink: { .link(href: "../x/", text: $0.readerText) }, tagHref: { "/tags/\($0)/" }).html
            try Self.checkSafe(html, allowed: HTMLAllowlist.OwnMarkup.elements)
        }
    }
}
