@testable import CommonsCore
@testable import CommonsMarkdown
import Testing

@Suite struct CalloutTests {
    @Test func calloutsBecomeAsides() throws {
        let site = try MiniCommons(["a.md": "> [!warning] Mind the gap\n> Text with **bold**.\n>\n> More."])
        #expect(site.html("a.md") == """
            <aside class="callout" data-callout="warning">
            <p class="callout-title">\(CalloutIcons.svg(for: "warning"))<span class="callout-title-text">Mind the gap</span></p>
            <div class="callout-body">
            <p>Text with <strong>bold</strong>.</p>
            <p>More.</p>
            </div>
            </aside>

            """)
    }

    @Test func foldableCalloutsBecomeDetails() throws {
        let site = try MiniCommons(["a.md": "> [!faq]- Folded\n> Hidden answer.\n\n> [!tip]+\n> Open."])
        let html = site.html("a.md")
        #expect(html.contains(#"<details class="callout" data-callout="faq">"# + "\n" + #"<summary class="callout-title">"#
                              + CalloutIcons.svg(for: "faq") + #"<span class="callout-title-text">Folded</span></summary>"#))
        #expect(html.contains(#"<details class="callout" data-callout="tip" open>"# + "\n" + #"<summary class="callout-title">"#
                              + CalloutIcons.svg(for: "tip") + #"<span class="callout-title-text">Tip</span></summary>"#))
    }

    /// A callout's text reads as the page shows it wherever text is taken from it (a description, the
    /// search's sections, a backlink's passage): its title, never its `[!kind]` marker.
    @Test func aCalloutsTextShowsItsTitleNotItsMarker() throws {
        let renderer = MarkdownRenderer(options: MarkdownOptions())
        let rendered = try renderer.render("> [!warning]- Mind the gap\n> Step [[over|carefully]].\n\n> [!tip]\n> Rest.\n\n> Just a quote.\n",
                                           rewrite: { _ in .keep }, wikilink: { .link(href: "#", text: $0.readerText) })
        #expect(rendered.firstParagraph == "Mind the gap Step carefully.")
        #expect(rendered.sections.map(\.text) == ["Mind the gap Step carefully.\nTip Rest.\nJust a quote."])
        let site = try MiniCommons(["a.md": "> [!note] About\n> See [[b]].", "b.md": "B"])
        #expect(site.graph.backlinks[NoteID(path: "b.md")]?.map(\.context) == ["About See b."])
    }

    /// A callout's title is Markdown, as in Obsidian: emphasis, code and links, not cut at the first of them.
    @Test func aCalloutTitleIsMarkdown() throws {
        let site = try MiniCommons(["a.md": "> [!note] A **bold** `code` *title* with [[b|a link]]\n> Body.", "b.md": "B"])
        let html = site.html("a.md")
        #expect(html.contains(#"<span class="callout-title-text">A <strong>bold</strong> <code>code</code> <em>title</em> with <a class="wikilink" href="../b/">a link</a></span></p>"#), "\(html)")
        #expect(html.contains("<p>Body.</p>"))
        #expect(site.graph.backlinks[NoteID(path: "b.md")]?.count == 1)
    }

    /// A block id at the end of the header line names the callout, not its title's text (fuzz-markdown
    /// found the id on the title's `<span>`, an element no link to a block may land on).
    @Test func aBlockIDOnTheHeaderLineNamesTheCallout() throws {
        let site = try MiniCommons(["a.md": "> [!note] Title ^top\n\nBetween.\n\n> [!tip]- Folded ^low"])
        let html = site.html("a.md")
        #expect(html.contains(#"<aside class="callout" id="^top" data-callout="note">"#), "\(html)")
        #expect(html.contains(#"<details class="callout" id="^low" data-callout="tip">"#), "\(html)")
        #expect(html.contains(#"<span class="callout-title-text">Title</span>"#) && !html.contains("<span class=\"callout-title-text\" id="))
    }

    /// Each kind has an icon of its own, drawn in the page; other names of a kind share its icon.
    @Test func kindsHaveTheirIcons() {
        let kinds = ["note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"]
        #expect(Set(kinds.map(CalloutIcons.svg)).count == kinds.count)
        #expect(CalloutIcons.svg(for: "caution") == CalloutIcons.svg(for: "warning"))
        #expect(CalloutIcons.svg(for: "whatever") == CalloutIcons.svg(for: "note"))
        #expect(!kinds.map(CalloutIcons.svg).joined().contains("http"), "no request to another host")
    }

    @Test func anOrdinaryQuoteStaysAQuote() throws {
        let site = try MiniCommons(["a.md": "> Just a quote [!note]\n\n> [not a callout]"])
        #expect(site.html("a.md") == "<blockquote>\n<p>Just a quote [!note]</p>\n</blockquote>\n<blockquote>\n<p>[not a callout]</p>\n</blockquote>\n")
    }
}

@Suite struct TagTests {
    @Test func tagsInTextLinkToTheirPages() throws {
        let site = try MiniCommons(["notes/a.md": "---\ntags: [Front, shared]\n---\nAbout #topic and #nested/deep, not #1 or C# or `#code` or x#y or https://example.org/#anchor. #Shared"])
        let html = site.html("notes/a.md")
        #expect(html.contains(#"<a class="tag" href="../../tags/topic/">#topic</a>"#))
        #expect(html.contains(#"<a class="tag" href="../../tags/nested/deep/">#nested/deep</a>"#))
        #expect(html.contains("not #1 or C# or <code>#code</code> or x#y or <a href=\"https://example.org/#anchor\">https://example.org/#anchor</a>."))
        #expect(site.output.notes.first?.tags == ["Front", "shared", "topic", "nested/deep"])
    }

    @Test func anEscapedHashIsNotATag() throws {
        let site = try MiniCommons(["a.md": "Not a tag: \\#literal, but `\\#code` keeps its backslash."])
        #expect(site.html("a.md") == "<p>Not a tag: #literal, but <code>\\#code</code> keeps its backslash.</p>\n")
    }

    @Test func theIndexFilesNotesUnderEachTagAndItsParents() throws {
        let site = try MiniCommons(["a.md": "#project/alpha", "b.md": "---\ntags: project\n---\n", "c.md": "#Project/Beta"])
        let index = TagIndex(site.output.notes)
        #expect(index.tags.map(\.name) == ["project", "project/alpha", "Project/Beta"])
        #expect(index.tags.map(\.pagePath) == ["tags/project/", "tags/project/alpha/", "tags/project/beta/"])
        #expect(index.tags.first?.notes.map(\.path) == ["a.md", "b.md", "c.md"])
    }
}

@Suite struct BlockAndEmbedTests {
    /// A block id names its block and is not shown, so the text taken from the block (search's sections,
    /// a description, a backlink's passage) leaves it out too.
    @Test func aBlockIDIsNotPartOfTheText() throws {
        let rendered = try MarkdownRenderer(options: MarkdownOptions()).render(
            "Opening words ^first\n\nNext [[b]]\n^second\n\n- An item\n\n^list\n\nPrice x ^2 `code ^kept`\n",
            wikilink: { .link(href: "#", text: $0.readerText) })
        #expect(rendered.firstParagraph == "Opening words")
        #expect(rendered.sections.map(\.text) == ["Opening words\nNext b\nAn item\nPrice x ^2 code ^kept"])
        #expect(rendered.blocks.map(\.id) == ["^first", "^second", "^list"])
    }

    /// An embed inside a sentence, or on the next line of a paragraph (the help vault's Callouts page
    /// writes one so in a callout), shows the note between the text before and after it, as Obsidian does.
    @Test func anEmbedInsideAParagraphStandsBetweenItsHalves() throws {
        // Two side by side leave no empty paragraph between them (`make sanitize` caught one freed twice).
        let site = try MiniCommons(["a.md": "See ![[b]] and on.\n\n> [!note] Icons\n> Use these icons.\n> ![[b#^one]]\n\n# ![[b]] in a heading\n\nTwo ![[b#^one]] ![[b#^one]]\n",
                                    "b.md": "Block one. ^one\n\nTwo.\n"])
        let html = site.html("a.md")
        let embed = #"<div class="embed">"#
        #expect(html.contains("<p>See</p>\n" + embed), "\(html)")
        #expect(html.contains("</div>\n<p>and on.</p>"), "\(html)")
        #expect(html.contains("<p>Use these icons.</p>\n" + embed), "\(html)")
        #expect(html.components(separatedBy: embed).count == 5, "four embeds; the one in a heading stays a link: \(html)")
        #expect(html.contains("<p>Two</p>\n" + embed) && !html.contains("<p></p>"), "\(html)")
        #expect(html.contains(#"<a class="wikilink" href="../b/">b</a> in a heading"#), "\(html)")
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
    }

    /// The help vault's Aliases page embeds a part of Internal links holding `[[#Change the link display
    /// text|…]]`: on the embedding page that link goes to Internal links' page, where the heading is.
    @Test func linksInAnEmbeddedNoteToItsOwnPartsGoToItsPage() throws {
        let site = try MiniCommons(["a.md": "Intro. ^top\n\nSee [[#Part]] and [here](#part).\n\n# Part\n\nText. [[#Part|self]]\n",
                                    "b.md": "![[a]]\n\n![[a#^top]]\n"])
        let html = site.html("b.md")
        #expect(html.contains(#"<a class="wikilink" href="../a/#part">Part</a>"#), "\(html)")
        #expect(html.contains(#"<a href="../a/#part">here</a>"#), "\(html)")
        #expect(!html.contains(##"href="#part""##), "\(html)")
        let own = site.html("a.md")
        #expect(own.contains(##"<a class="wikilink" href="#part">self</a>"##) && own.contains(##"<a href="#part">here</a>"##), "\(own)")
    }

    @Test func blockIDsMarkTheirParagraph() throws {
        let site = try MiniCommons(["a.md": "First paragraph. ^intro\n\n- item ^item-1", "b.md": "[[a#^intro]]"])
        let html = site.html("a.md")
        #expect(html.contains(#"<p id="^intro">First paragraph.</p>"#))
        #expect(html.contains(#"<li id="^item-1">item</li>"#))
        #expect(site.html("b.md").contains(#"href="../a/#%5Eintro""#))
        #expect(site.diagnostics.isEmpty)
    }

    @Test func anEmbedShowsTheNoteInPlaceWithLinksForThisPage() throws {
        let site = try MiniCommons([
            "deep/host.md": "Before.\n\n![[Part]]\n\nAfter ![[Part]] inline.",
            "Part.md": "# Part\n\nSee [[Other]] and ![[img.png]].",
            "Other.md": "# Other",
        ], attachments: ["img.png"])
        let html = site.html("deep/host.md")
        #expect(html.contains("<div class=\"embed\">\n<p class=\"embed-title\"><a href=\"../../part/\">Part</a></p>\n<h1>Part</h1>"))
        #expect(html.contains(#"<a class="wikilink" href="../../other/">Other</a>"#))
        #expect(html.contains(#"<img src="../../img.png" alt="img.png" />"#))
        // One inside a sentence shows the note between the sentence's halves, as in Obsidian.
        #expect(html.contains("<p>After</p>\n<div class=\"embed\">") && html.contains("</div>\n<p>inline.</p>"), "\(html)")
        #expect(site.graph.backlinks[NoteID(path: "Part.md")]?.first?.isEmbed == true)
        // The embedded note's own links stay its own.
        #expect(site.graph.backlinks[NoteID(path: "Other.md")]?.map(\.source.path) == ["Part.md"])
    }

    @Test func aSectionEmbedShowsOnlyThatSection() throws {
        let site = try MiniCommons(["a.md": "![[b#Two]]", "b.md": "# B\n\n## One\n\nfirst\n\n## Two\n\nsecond\n\n### Deeper\n\nthird\n\n## Three\n\nfourth"])
        let html = site.html("a.md")
        #expect(html.contains("second") && html.contains("third"))
        #expect(!html.contains("first") && !html.contains("fourth"))
    }

    @Test func embedsOfEmbedsNest() throws {
        let site = try MiniCommons(["a.md": "![[b]]", "b.md": "B says\n\n![[c]]", "c.md": "C says [[a]]"])
        let html = site.html("a.md")
        #expect(html.contains("B says") && html.contains("C says"))
        #expect(html.components(separatedBy: "<div class=\"embed\">").count == 3)
        #expect(html.contains(#"C says <a class="wikilink" href="../a/">a</a>"#))
        #expect(site.diagnostics.isEmpty)
    }

    /// As in Obsidian's help vault: an id on the line after a paragraph, after a callout, and on a line
    /// of its own after a list.
    @Test func blockIDsOnTheirOwnLineNameTheBlockBefore() throws {
        let site = try MiniCommons([
            "a.md": """
                **A question?**
                The answer.
                ^answer

                > [!hint] A limit
                > Names must be safe.
                ^callout-limit

                - one
                - two

                ^my-list

                | a | b |
                |---|---|
                | 1 | 2 |

                ^table-id
                """,
            "b.md": "[[a#^answer]] [[a#^callout-limit]] [[a#^my-list]] [[a#^table-id]]",
        ])
        let html = site.html("a.md")
        #expect(html.contains("<p id=\"^answer\"><strong>A question?</strong>\nThe answer.</p>") || html.contains("<p id=\"^answer\"><strong>A question?</strong><br />\nThe answer.</p>"), "\(html)")
        #expect(html.contains("<div id=\"^callout-limit\">\n<aside class=\"callout\""), "\(html)")
        #expect(html.contains("<div id=\"^my-list\">\n<ul>"), "\(html)")
        #expect(html.contains("<div id=\"^table-id\">\n<table>"), "\(html)")
        #expect(!html.contains("^answer<") && !html.contains(">^"), "no marker is left as text: \(html)")
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
    }

    @Test func aBlockEmbedShowsOnlyThatBlock() throws {
        let site = try MiniCommons([
            "Refund policy.md": "Intro text.\n\n**Discount then refund?**\nContact support.\n^discount-then-refund\n\nOther text.\n\n- a\n- b\n\n^list",
            "Education.md": "See:\n\n![[Refund policy#^discount-then-refund]]\n\n![[Refund policy#^list]]",
        ])
        let html = site.html("Education.md")
        #expect(html.contains("Contact support.") && html.contains("<li>a</li>"), "\(html)")
        #expect(!html.contains("Intro text") && !html.contains("Other text"), "\(html)")
    }

    @Test func aNoteMayEmbedItsOwnSection() throws {
        let site = try MiniCommons(["a.md": "# A\n\n## Shared\n\nShared words.\n\n## Elsewhere\n\n![[#Shared]]\n"])
        let html = site.html("a.md")
        #expect(html.components(separatedBy: "Shared words.").count == 3, "\(html)")
        #expect(!html.contains("embed-cycle"))
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
    }

    @Test func embedCyclesAreCutVisibly() throws {
        let site = try MiniCommons(["a.md": "![[b]]", "b.md": "![[a]]", "self.md": "![[self]]"])
        #expect(site.html("a.md").contains("<p class=\"embed-cycle\">Embed of “a” left out: it would contain itself.</p>"))
        #expect(site.html("self.md").contains("embed-cycle"))
        #expect(site.rules("self.md") == ["embed-cycle"])
    }
}

@Suite struct InlineSyntaxTests {
    @Test(arguments: [
        ("A ==highlighted== word.", "<p>A <mark>highlighted</mark> word.</p>"),
        ("==a **bold** word== and ==two==", "<p><mark>a <strong>bold</strong> word</mark> and <mark>two</mark></p>"),
        ("x == y and a == b", "<p>x == y and a == b</p>"),
        ("`==code==`", "<p><code>==code==</code></p>"),
        // The help vault's Basic formatting syntax has one in a table; an emphasis inside stays one.
        ("| a | b |\n|---|---|\n| ==marked *and em*== | *em* \u{E005} |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><mark>marked <em>and em</em></mark></td>\n<td><em>em</em> \u{FFFD}</td>\n</tr>\n</tbody>\n</table>"),
    ])
    func highlightsBecomeMarks(markdown: String, expected: String) throws {
        let html = try MiniCommons(["a.md": markdown]).html("a.md")
        #expect(html.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test func aLinkToANestedHeadingGoesToTheLastOne() throws {
        let site = try MiniCommons(["a.md": "# A\n\n## Part\n\n### Detail\n", "b.md": "[[a#Part#Detail]]"])
        #expect(site.html("b.md").contains(#"<a class="wikilink" href="../a/#detail">a &gt; Part &gt; Detail</a>"#), "\(site.html("b.md"))")
        #expect(site.diagnostics.isEmpty)
    }

    /// Every way Obsidian writes an image's size, in text and in a table cell.
    @Test func imagesTakeTheirSize() throws {
        let site = try MiniCommons(["a.md": """
            ![[pic.png|100x145]] ![[pic.png|300]] ![A map|120](pic.png) ![Plain](pic.png "Title") ![250](pic.png)

            | cell | cell |
            |---|---|
            | ![[pic.png\\|80]] | ![Alt\\|60x40](pic.png) |
            """], attachments: ["pic.png"])
        let html = site.html("a.md")
        #expect(html.contains(#"<img src="../pic.png" alt="pic.png" width="100" height="145" />"#), "\(html)")
        #expect(html.contains(#"<img src="../pic.png" alt="pic.png" width="300" />"#))
        #expect(html.contains(#"<img src="../pic.png" alt="A map" width="120" />"#), "\(html)")
        #expect(html.contains(#"<img src="../pic.png" alt="Plain" title="Title" />"#))
        #expect(html.contains(#"<img src="../pic.png" alt="" width="250" />"#), "an alt text that is a size alone, as in the help vault's Embed files")
        #expect(html.contains(#"<td><img src="../pic.png" alt="pic.png" width="80" /></td>"#), "\(html)")
        #expect(html.contains(#"<td><img src="../pic.png" alt="Alt" width="60" height="40" /></td>"#), "\(html)")
    }

    /// Obsidian reads a wikilink before emphasis, code spans and HTML, as the community hub's and the
    /// help vault's notes write them; a code span that crosses a link's end still wins, as in Obsidian.
    @Test func wikilinksAreReadBeforeOtherInlineSyntax() throws {
        let site = try MiniCommons(["a.md": """
            e.g. ![[*.jpg|L]], ![[*.png|Right|200]] and [[<plugin-id>|<plugin-id>]]

            See [[b#Part|`hasTag`]] and [[b|a *b* _c_]]. Code `[[b|*x*]]` and `a [[b` c]].

            | link |
            |---|
            | [[b\\|*x*]] |
            """, "b.md": "# Part\n"])
        let html = site.html("a.md")
        #expect(!html.contains("<em>"), "\(html)")
        #expect(html.contains(#"<span class="wikilink unresolved">&lt;plugin-id&gt;</span>"#), "\(html)")
        #expect(html.contains(#"<a class="wikilink" href="../b/#part">`hasTag`</a>"#), "\(html)")
        #expect(html.contains(#"<a class="wikilink" href="../b/">a *b* _c_</a>"#), "\(html)")
        #expect(html.contains("<code>[[b|*x*]]</code>") && html.contains("<code>a [[b</code> c]]"), "\(html)")
        #expect(html.contains(#"<td><a href="../b/">*x*</a></td>"#), "\(html)")
    }

    /// Obsidian's inline footnotes are numbered after the labelled ones and listed with them; their
    /// Markdown and links are kept, and code holds none.
    @Test func inlineFootnotesAreFootnotes() throws {
        let site = try MiniCommons(["a.md": "Labelled[^x] and inline^[a **bold** [[b]] note [with] brackets] end.\nSecond ^[two] `^[code]`.\n\n[^x]: The labelled one.\n",
                                    "b.md": "B"])
        let html = site.html("a.md")
        #expect(html.contains(##"inline<sup class="footnote-ref"><a href="#fn-inline-2" id="fnref-inline-2" data-footnote-ref>2</a></sup> end."##), "\(html)")
        #expect(html.contains(##"Second <sup class="footnote-ref"><a href="#fn-inline-3" id="fnref-inline-3" data-footnote-ref>3</a></sup> <code>^[code]</code>."##), "\(html)")
        // One list, as cmark-gfm writes it, the inline footnotes after the labelled one.
        #expect(html.components(separatedBy: "<section class=\"footnotes\"").count == 2 && html.components(separatedBy: "</ol>").count == 2, "\(html)")
        #expect(html.contains("</p>\n</li>\n<li id=\"fn-inline-2\">"), "\(html)")
        let alone = try MiniCommons(["c.md": "Only ^[one] here.\n"]).html("c.md")
        #expect(alone.contains("<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-inline-1\">\n<p>one <a href=\"#fnref-inline-1\""), "\(alone)")
        #expect(html.contains(##"<p>a <strong>bold</strong> <a class="wikilink" href="../b/">b</a> note [with] brackets <a href="#fnref-inline-2" class="footnote-backref""##), "\(html)")
        #expect(html.contains(##"<li id="fn-inline-3">"##) && html.contains("<p>two <a"), "\(html)")
        #expect(site.graph.backlinks[NoteID(path: "b.md")]?.count == 1, "a link in a footnote is a link")
    }

    /// Obsidian plays a video or shows a tweet written as an image; commons asks nothing of their hosts,
    /// and links to them rather than showing an empty picture.
    @Test func videoAndTweetImagesBecomeLinks() throws {
        let html = try MiniCommons(["a.md": "![A talk](https://www.youtube.com/watch?v=abc) ![](https://x.com/obsdmd/status/1)\n\n| v |\n|---|\n| ![](https://youtu.be/abc) |\n\n![pic](https://example.org/a.png)\n"]).html("a.md")
        #expect(html.contains(#"<a href="https://www.youtube.com/watch?v=abc">A talk</a> <a href="https://x.com/obsdmd/status/1">https://x.com/obsdmd/status/1</a>"#), "\(html)")
        #expect(html.contains(#"<td><a href="https://youtu.be/abc">https://youtu.be/abc</a></td>"#), "\(html)")
        #expect(html.contains(#"<img src="https://example.org/a.png" alt="pic" />"#))
    }

    /// Obsidian reads any character in a task's brackets as a state of the task.
    @Test func tasksHaveTheirStates() throws {
        let html = try MiniCommons(["a.md": "- [ ] open\n- [x] done\n- [?] asked\n- [/] begun\n- [-] dropped\n- [>] moved\n- not a task [?]\n"]).html("a.md")
        #expect(html.contains(#"<li><input type="checkbox" disabled="" aria-label="Not done"> open</li>"#), "\(html)")
        #expect(html.contains(#"<li><input type="checkbox" checked="" disabled="" data-task="?" aria-label="Question"> asked</li>"#), "\(html)")
        #expect(html.contains(#"data-task="/" aria-label="In progress"> begun"#) && html.contains(#"data-task="-" aria-label="Cancelled"> dropped"#))
        #expect(html.contains(#"data-task="&gt;" aria-label="Forwarded"> moved"#), "\(html)")
        #expect(html.contains("<li>not a task [?]</li>"))
    }

    /// cmark-gfm reads no `[ ]` or `[x]` task in a block quote; Obsidian does, in callouts too (the help
    /// vault's Basic formatting syntax shows one).
    @Test func tasksInQuotesAndCalloutsAreTasks() throws {
        let html = try MiniCommons(["a.md": "> [!tip] Shopping\n> - [x] Milk\n> - [ ] Eggs\n> - [?] Bread\n\n> - [X] quoted\n"]).html("a.md")
        #expect(html.contains(#"<li><input type="checkbox" checked="" disabled="" aria-label="Done"> Milk</li>"#), "\(html)")
        #expect(html.contains(#"<li><input type="checkbox" disabled="" aria-label="Not done"> Eggs</li>"#), "\(html)")
        #expect(html.contains(#"data-task="?" aria-label="Question"> Bread"#), "\(html)")
        #expect(html.contains(#"<li><input type="checkbox" checked="" disabled="" aria-label="Done"> quoted</li>"#), "\(html)")
    }
}
