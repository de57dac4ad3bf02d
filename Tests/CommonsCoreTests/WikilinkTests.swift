@testable import CommonsCore
@testable import CommonsMarkdown
import Testing

/// A few notes rendered through the parse, filter, route, render and graph stages.
struct MiniCommons {
    let output: RenderNotes.Output
    let graph: LinkGraph
    let diagnostics: [Diagnostic]

    init(_ files: [String: String], attachments: Set<String> = []) throws {
        // Comments go first, as `ParseNotes.run` takes them out of each file it reads.
        let notes = files.keys.sorted().map { ParseNotes.parse(ParseNotes.withoutComments(files[$0]!), id: NoteID(path: $0), sourcePath: $0).0 }
        let published = try PublishFilter(settings: Settings()).apply(notes, attachments: attachments)
        let (routes, _) = AssignRoutes.run(published)
        output = try RenderNotes.run(published, links: LinkTables(published, routes: routes), options: .init())
        let (graph, problems) = BuildLinkGraph.run(output)
        self.graph = graph
        diagnostics = output.diagnostics + problems
    }

    func html(_ path: String) -> String {
        output.notes.first { $0.note.id.path == path }?.html ?? ""
    }

    func rules(_ path: String) -> [String] {
        diagnostics.filter { $0.path == path }.map(\.rule.rawValue)
    }
}

@Suite struct WikilinkTests {
    let notes = [
        "index.md": "Home",
        "Projects/Plan.md": "---\naliases: [Roadmap doc]\n---\n# Plan\n\n## Next steps\n\nText ^intro",
        "Projects/Sub/Deep.md": "# Deep",
        "Ideas/Deep.md": "# Other deep",
        "Ideas/Spark.md": "# Spark",
    ]

    @Test(arguments: [
        ("[[Plan]]", #"<a class="wikilink" href="../../projects/plan/">Plan</a>"#),
        ("[[plan|the plan]]", #"<a class="wikilink" href="../../projects/plan/">the plan</a>"#),
        ("[[Plan#Next steps]]", #"<a class="wikilink" href="../../projects/plan/#next-steps">Plan &gt; Next steps</a>"#),
        ("[[Plan#^intro]]", #"<a class="wikilink" href="../../projects/plan/#%5Eintro">Plan &gt; ^intro</a>"#),
        ("[[#Own heading]]", ##"<a class="wikilink" href="#own-heading">Own heading</a>"##),
        ("[[Projects/Sub/Deep]]", #"<a class="wikilink" href="../../projects/sub/deep/">Projects/Sub/Deep</a>"#),
        ("[[../Projects/Plan.md|up]]", #"<a class="wikilink" href="../../projects/plan/">up</a>"#),
        ("[[Spark]]", #"<a class="wikilink" href="../../ideas/spark/">Spark</a>"#),
        ("[[Roadmap doc]]", #"<a class="wikilink" href="../../projects/plan/">Roadmap doc</a>"#),
        ("[[index]]", #"<a class="wikilink" href="../../">index</a>"#),
    ])
    func resolvesAsObsidianDoes(link: String, expected: String) throws {
        var files = notes
        files["Ideas/Note.md"] = "# Own heading\n\nSee \(link) here."
        let site = try MiniCommons(files)
        #expect(site.html("Ideas/Note.md").contains(expected), "\(site.html("Ideas/Note.md"))")
    }

    @Test func inTableCellsLinksBecomePlainLinks() throws {
        // A table cell accepts only the inline kinds cmark-gfm knows, so custom nodes give way there.
        let site = try MiniCommons(["Spark.md": "# Spark", "t.md": "| a | b |\n|---|---|\n| [[Spark]] #tag | [[Nowhere]] ![[pic.png]] |\n"],
                                   attachments: ["pic.png"])
        let html = site.html("t.md")
        #expect(html.contains(#"<td><a href="../spark/">Spark</a> <a href="../tags/tag/">#tag</a></td>"#), "\(html)")
        #expect(html.contains(#"<td>Nowhere <img src="../pic.png" alt="pic.png" /></td>"#), "\(html)")
    }

    /// Obsidian writes the bar of a link in a table as `\|`, so that it does not end the cell.
    @Test func anEscapedBarInATableSeparatesTheDisplayText() throws {
        let site = try MiniCommons(["Spark.md": "# Spark", "t.md": "| a | b |\n|---|---|\n| [[Spark\\|the spark]] | [[Spark#Heading\\|part]] |\n"])
        let html = site.html("t.md")
        #expect(html.contains(#"<td><a href="../spark/">the spark</a></td>"#), "\(html)")
        #expect(html.contains(#"<td><a href="../spark/#heading">part</a></td>"#), "\(html)")
        let link = try #require(Wikilink(inner: "Spark\\|the spark", isEmbed: false, line: 1, column: 1, context: ""))
        #expect(link.target == "Spark" && link.display == "the spark")
    }

    @Test func anAmbiguousNameTakesTheShortestPathAndIsReported() throws {
        var files = notes
        files["Other.md"] = "[[Deep]]"
        let site = try MiniCommons(files)
        #expect(site.html("Other.md").contains(#"href="../ideas/deep/""#))
        let warning = site.diagnostics.first { $0.rule.rawValue == "ambiguous-link" }
        #expect(warning?.message.contains("Ideas/Deep.md, Projects/Sub/Deep.md") == true)
        #expect(warning?.line == 1 && warning?.column == 1)
    }

    /// Obsidian's order, as its `getFirstLinkpathDest` answers: the note at the top that the link
    /// spells, then the one beside the linking note (the help vault's two "Security and privacy").
    @Test func aNameSharedByNotesGoesToTheTopThenBesideTheLinkWithoutAWarning() throws {
        let site = try MiniCommons([
            "Security.md": "# Top", "Sync/Security.md": "# Sync", "Publish/Security.md": "# Publish",
            "Sync/Setup.md": "[[Security]]", "Publish/a/Intro.md": "[[Security]]",
            "Publish/Privacy.md": "[[Privacy policy]]", "Sync/Privacy policy.md": "x", "Publish/Privacy policy.md": "x",
            "Other/Deep.md": "[[Privacy policy]]",
        ])
        #expect(site.html("Sync/Setup.md").contains(#"href="../../security/""#), "the top wins over beside")
        #expect(site.html("Publish/a/Intro.md").contains(#"href="../../../security/""#), "a parent folder counts for nothing")
        #expect(site.html("Publish/Privacy.md").contains(#"href="../../publish/privacy-policy/""#), "beside the linking note, though longer")
        #expect(site.html("Other/Deep.md").contains(#"href="../../sync/privacy-policy/""#), "else the shortest path")
        #expect(site.diagnostics.filter { $0.rule.rawValue == "ambiguous-link" }.map(\.path) == ["Other/Deep.md"])
    }

    @Test func wikilinksAreNotReadInCodeURLsOrHTMLOrWhenEscaped() throws {
        let site = try MiniCommons(["Spark.md": "# Spark", "a.md": """
            `[[Spark]]` and \\[[Spark]] and <https://x.org/[[Spark]]>

            ```
            [[Spark]]
            ```

                [[Spark]]

            [text [[Spark]]](https://example.org)
            """])
        let html = site.html("a.md")
        #expect(!html.contains("wikilink"), "\(html)")
        #expect(html.contains("<code>[[Spark]]</code> and [[Spark]] and"))
        #expect(site.graph.backlinks[NoteID(path: "Spark.md")] == nil)
    }

    /// A reader must not learn which names are private notes: a link to one looks, and is listed, as a
    /// link to a note that does not exist. Only a name the page shows is listed as wanted.
    @Test func missingAndPrivateTargetsAreShownAlike() throws {
        let site = try MiniCommons([
            "a.md": "Want [[Nowhere]], [[Elsewhere|somewhere]], [[Secret plans|the plans]] and [[Secret plans]].",
            "Secret plans.md": "---\nprivate: true\n---\nzqsecret",
        ])
        let html = site.html("a.md")
        #expect(html.contains(#"<p>Want <span class="wikilink unresolved">Nowhere</span>, <span class="wikilink unresolved">somewhere</span>, "#
                              + #"<span class="wikilink unresolved">the plans</span> and <span class="wikilink unresolved">Secret plans</span>.</p>"#), "\(html)")
        #expect(site.rules("a.md") == ["unresolved-link", "unresolved-link", "private-link", "private-link"])
        #expect(site.graph.wanted == ["Nowhere": [NoteID(path: "a.md")], "Secret plans": [NoteID(path: "a.md")]])
    }

    @Test func embedsOfImagesBecomeImages() throws {
        let site = try MiniCommons(["notes/a.md": "![[pic.png|300]] ![[Diagram.svg]] ![[doc.pdf]] ![[talk.MP3]] ![[clip.webm]] [[doc.pdf]]"],
                                   attachments: ["img/pic.png", "notes/Diagram.svg", "doc.pdf", "talk.MP3", "clip.webm"])
        let html = site.html("notes/a.md")
        #expect(html.contains(#"<img src="../../img/pic.png" alt="pic.png" width="300" />"#))
        #expect(html.contains(#"<img src="../../notes/Diagram.svg" alt="Diagram.svg" />"#))
        #expect(html.contains(#"<object class="embed-pdf" data="../../doc.pdf" type="application/pdf"><a href="../../doc.pdf">doc.pdf</a></object>"#))
        #expect(html.contains(#"<audio controls preload="none" src="../../talk.MP3"><a href="../../talk.MP3">talk.MP3</a></audio>"#))
        #expect(html.contains(#"<video controls preload="metadata" src="../../clip.webm">"#))
        #expect(html.contains(#"<a class="wikilink" href="../../doc.pdf">doc.pdf</a>"#))
        #expect(site.output.usedAttachments == ["img/pic.png", "notes/Diagram.svg", "doc.pdf", "talk.MP3", "clip.webm"])
    }

    @Test func backlinksCarryTheirContextAndSkipSelfLinks() throws {
        let site = try MiniCommons([
            "a.md": "# A\n\n- A list item pointing at [[b]].\n- Another.\n\nMe: [[a]].",
            "b.md": "# B\n\nBack to [A](a.md) in a paragraph.",
            "c.md": "![[b]]",
        ])
        let backlinksOfB = site.graph.backlinks[NoteID(path: "b.md")] ?? []
        #expect(backlinksOfB.map(\.source.path) == ["a.md", "c.md"])
        #expect(backlinksOfB.first?.context == "A list item pointing at b.")
        #expect(backlinksOfB.last?.isEmbed == true)
        #expect(site.graph.backlinks[NoteID(path: "a.md")]?.map(\.context) == ["Back to A in a paragraph."])
        #expect(site.graph.outgoing[NoteID(path: "a.md")]?.count == 2)
    }

    @Test func linksToHeadingsThatDoNotExistAreReportedAndStillGoToTheNote() throws {
        let site = try MiniCommons(["a.md": "# A\n\n## Real\n\nText ^real", "b.md": "\n[[a#Real]] [[a#Imagined]] [[a#^real]] [[a#^gone]]"])
        #expect(site.rules("b.md") == ["missing-anchor", "missing-anchor"])
        #expect(site.diagnostics.last?.message == "'a.md' has no block '^gone'")
        #expect(site.diagnostics.first?.line == 2)
        #expect(site.html("b.md").contains(#"href="../a/#imagined""#))
    }

    @Test func headingsGetGitHubStyleIDs() throws {
        let site = try MiniCommons(["a.md": "# Hello, World!\n\n## Hello, World!\n\n## Ünïcode *Émphasis*"])
        let html = site.html("a.md")
        #expect(html.contains(#"<h1 id="hello-world">Hello, World!</h1>"#))
        #expect(html.contains(#"<h2 id="hello-world-1">Hello, World!</h2>"#))
        #expect(html.contains(#"<h2 id="ünïcode-émphasis">Ünïcode <em>Émphasis</em></h2>"#))
    }
}
