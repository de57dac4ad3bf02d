@testable import CommonsCore
@testable import CommonsMarkdown
import Testing

/// A page's HTML as the HTML5 parser commons sanitises with reads it: elements, their attributes and
/// their text, so that a check says which element holds what, not only that some text is there.
struct PageDOM {
    struct Element {
        let name: String
        let attributes: [String: String]
        let children: [Element]
        /// The text of the element and of everything in it.
        let text: String

        init(_ node: HTMLFragment.Node) {
            name = node.name
            attributes = Dictionary(node.attributes.map { ($0.name, $0.value) }) { first, _ in first }
            children = node.children.filter { $0.kind == .element }.map(Element.init)
            text = node.children.map { $0.kind == .element ? Element($0).text : ($0.kind == .text || $0.kind == .whitespace ? $0.text : "") }.joined()
        }

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

        /// Every element below this one, depth first, in document order.
        var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }

        func all(_ name: String, class className: String? = nil) -> [Element] {
            descendants.filter { element in element.name == name && (className.map { element.classes.contains($0) } ?? true) }
        }
    }

    let root: Element

    init(_ html: String) throws {
        let nodes = try HTMLFragment(parsing: "<div>" + html + "</div>").nodes
        root = Element(nodes.first { $0.kind == .element }!)
    }

    func all(_ name: String, class className: String? = nil) -> [Element] { root.all(name, class: className) }
}

/// A vault written as people write in Obsidian, a note per syntax of Obsidian's reading view (and one
/// per callout kind), each page checked for the elements it must have.
@Suite struct ObsidianVaultDOMTests {
    static let vault = try! MiniCommons([
        "Highlights.md": "Say ==this== twice.\n\n| a |\n|---|\n| ==cell== |\n",
        "Block ids.md": "The first paragraph. ^intro\n\n- one\n- two\n\n^list\n\n| a |\n|---|\n| 1 |\n\n^table\n\n> Quoted.\n\n^quote\n\n"
            + "> [!note] Noted\n> Body.\n\n^callout\n",
        "Self embed.md": "## Part\n\nIn part.\n\n## Other\n\n![[#Part]]\n",
        "Embeds.md": "Intro.\n\n![[Block ids#^intro]]\n\n![[Headings#Part]]\n\nSee ![[Block ids#^list]] here.\n",
        "Headings.md": "# Top\n\n## Part\n\nIn part.\n\n### Detail\n\nDeep.\n\n## Next\n\nAfter.\n",
        "Nested links.md": "[[Headings#Part#Detail]] and [[Headings#Next|the next one]]\n",
        "Images.md": "![[pic.png|100x145]] ![Alt|120](pic.png) ![250](pic.png)\n\n| a | b |\n|---|---|\n| ![[pic.png\\|80]] | ![Map\\|60x40](pic.png) |\n",
        "Callout titles.md": "> [!tip] A **b** `c` *d* [[Headings|link]]\n> Body.\n",
        "Callouts.md": Self.calloutKinds.map { "> [!\($0)] A **\($0)**\n> Body of \($0).\n" }.joined(separator: "\n")
            + "\n> [!faq]- Folded\n> Hidden.\n",
        "Tasks.md": "- [ ] open\n- [x] done\n- [?] asked\n\n> [!todo] In a callout\n> - [x] milk\n",
        // Raw HTML sends the whole note through the sanitiser, which must keep commons' own attributes.
        "Tasks beside HTML.md": "- [ ] open\n- [x] done\n- [?] asked\n\n> [!todo] In a callout\n> - [x] <kbd>milk</kbd>\n",
        "Footnotes.md": "Steep[^1] and small.^[It sleeps **twelve**.]\n\n[^1]: Very.\n",
        "Links with syntax.md": "e.g. ![[*.jpg|L]], ![[*.png|R]] and [[Headings|a *b* c]]\n",
        "Raw HTML.md": "Press <kbd>Ctrl</kbd> and <span style=\"color:red\" class=\"x\">red</span>.<br>E = mc<sup>2</sup>\n\n"
            + "<details><summary>More</summary>Hidden.</details>\n\n<img src=\"pic.png\" width=\"50\" onerror=\"alert(1)\">\n\n"
            + "<iframe src=\"https://player.example.org/v/1\" title=\"A video\"></iframe>\n",
        "Mermaid.md": "```mermaid\ngraph TD; A-->B\n```\n",
        "Math.md": "Inline $e^{i\\pi}$ here.\n",
        "Comments.md": "Shown %%zqhidden%% here.\n\n%%\nzqblock\n%%\n",
    ], attachments: ["pic.png"])

    static let calloutKinds = ["note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"]

    func page(_ path: String) throws -> PageDOM {
        try PageDOM(Self.vault.html(path))
    }

    @Test func highlightsAreMarksInTextAndCells() throws {
        let dom = try page("Highlights.md")
        #expect(dom.all("mark").map(\.text) == ["this", "cell"])
        #expect(dom.all("td").first?.children.map(\.name) == ["mark"])
    }

    @Test func blockIDsNameTheirBlocksAndAreNotShown() throws {
        let dom = try page("Block ids.md")
        let paragraph = try #require(dom.all("p").first { $0.attributes["id"] == "^intro" })
        #expect(paragraph.text == "The first paragraph.")
        // A block that is not a paragraph is wrapped, so that the id needs no change to its element.
        for (id, element) in [("^list", "ul"), ("^table", "table"), ("^quote", "blockquote"), ("^callout", "aside")] {
            let wrapper = try #require(dom.all("div").first { $0.attributes["id"] == id }, "\(id)")
            #expect(wrapper.children.map(\.name) == [element], "\(id)")
        }
        #expect(!dom.root.text.contains("^"))
    }

    @Test func aNoteEmbedsItsOwnSection() throws {
        let dom = try page("Self embed.md")
        let embed = try #require(dom.all("div", class: "embed").first)
        #expect(embed.all("h2").map(\.text) == ["Part"] && embed.all("p").last?.text == "In part.")
        #expect(dom.all("p", class: "embed-cycle").isEmpty)
    }

    @Test func embedsShowTheirPartInPlace() throws {
        let dom = try page("Embeds.md")
        let embeds = dom.all("div", class: "embed")
        #expect(embeds.count == 3)
        #expect(embeds[0].all("a").first?.attributes["href"] == "../block-ids/")
        #expect(embeds[0].all("p").map(\.text) == ["Block ids", "The first paragraph."])
        #expect(embeds[1].all("h2").map(\.text) == ["Part"] && embeds[1].all("h3").map(\.text) == ["Detail"])
        #expect(!embeds[1].text.contains("After."), "the section ends at the next heading of its level")
        #expect(embeds[2].all("li").map(\.text) == ["one", "two"])
        // The one inside a sentence stands between its halves.
        let body = dom.root.children.suffix(3)
        #expect(body.map(\.name) == ["p", "div", "p"] && body.first?.text == "See" && body.last?.text == "here.", "\(body.map(\.text))")
    }

    @Test func nestedHeadingLinksGoToTheLastHeading() throws {
        let links = try page("Nested links.md").all("a", class: "wikilink")
        #expect(links.map { $0.attributes["href"] } == ["../headings/#detail", "../headings/#next"])
        #expect(links.map(\.text) == ["Headings > Part > Detail", "the next one"])
    }

    @Test func imagesTakeTheirSizes() throws {
        let images = try page("Images.md").all("img")
        #expect(images.map { [$0.attributes["width"], $0.attributes["height"]] } == [["100", "145"], ["120", nil], ["250", nil], ["80", nil], ["60", "40"]])
        #expect(images.map { $0.attributes["alt"] } == ["pic.png", "Alt", "", "pic.png", "Map"])
        #expect(try page("Images.md").all("td").map { $0.children.map(\.name) } == [["img"], ["img"]], "each cell keeps its image")
    }

    @Test func eachCalloutKindHasItsTitleAndIcon() throws {
        let dom = try page("Callouts.md")
        let asides = dom.all("aside", class: "callout")
        #expect(asides.map { $0.attributes["data-callout"] } == Self.calloutKinds.map(Optional.some))
        for (aside, kind) in zip(asides, Self.calloutKinds) {
            let title = try #require(aside.children.first)
            #expect(title.name == "p" && title.classes == ["callout-title"])
            #expect(title.children.map(\.name) == ["svg", "span"])
            #expect(title.children.last?.all("strong").map(\.text) == [kind])
            #expect(aside.all("div", class: "callout-body").first?.text.contains("Body of \(kind).") == true)
        }
        let folded = try #require(dom.all("details", class: "callout").first)
        #expect(folded.attributes["open"] == nil && folded.children.first?.name == "summary")
    }

    @Test func aCalloutTitleIsMarkdown() throws {
        let title = try #require(try page("Callout titles.md").all("span", class: "callout-title-text").first)
        #expect(title.children.map(\.name) == ["strong", "code", "em", "a"])
        #expect(title.text == "A b c d link" && title.children.last?.attributes["href"] == "../headings/")
    }

    @Test(arguments: ["Tasks.md", "Tasks beside HTML.md"])
    func tasksAreBoxesWithTheirState(path: String) throws {
        let boxes = try page(path).all("input")
        #expect(boxes.map { $0.attributes["aria-label"] } == ["Not done", "Done", "Question", "Done"])
        #expect(boxes.map { $0.attributes["checked"] != nil } == [false, true, true, true])
        #expect(boxes.map { $0.attributes["data-task"] } == [nil, nil, "?", nil])
    }

    @Test func inlineFootnotesJoinTheLabelledOnes() throws {
        let dom = try page("Footnotes.md")
        #expect(dom.all("sup", class: "footnote-ref").map(\.text) == ["1", "2"])
        let section = try #require(dom.all("section", class: "footnotes").first)
        let items = section.all("li")
        #expect(items.map { $0.attributes["id"] } == ["fn-1", "fn-inline-2"])
        #expect(items.last?.all("strong").map(\.text) == ["twelve"])
    }

    @Test func wikilinksAreReadBeforeEmphasis() throws {
        let dom = try page("Links with syntax.md")
        #expect(dom.all("em").isEmpty)
        #expect(dom.all("a", class: "wikilink").map(\.text) == ["a *b* c"])
    }

    @Test func rawHTMLKeepsWhatIsSafe() throws {
        let dom = try page("Raw HTML.md")
        #expect(dom.all("kbd").map(\.text) == ["Ctrl"])
        let span = try #require(dom.all("span").first)
        #expect(span.text == "red" && span.attributes.isEmpty)
        #expect(dom.all("br").count == 1 && dom.all("sup").map(\.text) == ["2"])
        #expect(dom.all("details").first?.children.map(\.name) == ["summary"])
        #expect(dom.all("img").map(\.attributes) == [["src": "../pic.png", "width": "50"]], "the handler is gone, the image stays")
        #expect(dom.all("iframe").isEmpty)
        let player = try #require(dom.all("a").first { $0.text == "A video" })
        #expect(player.attributes["href"] == "https://player.example.org/v/1")
        #expect(Self.vault.rules("Raw HTML.md") == ["unsafe-html"], "one warning, for the handler")
    }

    /// No offline Mermaid is packaged for Debian: a diagram stays its source, which the theme labels (see content/Templates.md).
    @Test func mermaidIsALabelledSourceBlock() throws {
        let dom = try page("Mermaid.md")
        let code = try #require(dom.all("code").first)
        #expect(code.classes.contains("language-mermaid") && code.text == "graph TD; A-->B\n")
    }

    /// A commons of its own, not the shared vault: a front-matter value alive when the process ends is
    /// reachable only through Swift's enum pointers, whose spare bits hold the case, and LeakSanitizer,
    /// which does not read those as pointers, would report it as leaked.
    @Test func emptyListItemsInFrontMatterAreValid() throws {
        let site = try MiniCommons(["Empty lists.md": "---\ntags:\n  - \n  - reading\naliases:\ncssclasses: []\n---\nValid in Obsidian.\n"])
        #expect(site.rules("Empty lists.md").isEmpty)
        #expect(site.output.notes.first?.note.frontMatter.tags == ["reading"])
    }

    @Test func mathIsKeptForKaTeX() throws {
        let math = try page("Math.md").all("span", class: "math")
        #expect(math.map(\.classes) == [["math", "math-inline"]])
        #expect(math.first?.text == "\\(e^{i\\pi}\\)")
    }

    @Test func commentsLeaveNothing() throws {
        let dom = try page("Comments.md")
        #expect(!dom.root.text.contains("zqhidden") && !dom.root.text.contains("zqblock"))
        #expect(dom.all("p").map(\.text) == ["Shown  here."], "the block comment leaves no paragraph")
    }
}
