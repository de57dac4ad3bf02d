@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// Whole pages of a vault written as Obsidian users write: titles from file names, a `Home.md`, single
/// line breaks. Each page is read by the HTML5 parser and checked element by element, on every channel
/// that shows a title.
@Suite struct ObsidianVaultSiteTests {
    /// A built site, kept while the suite runs.
    struct Site {
        /// Held so that its folder, which holds the site too, lasts as long as the site is read.
        let fixture: FixtureRepository
        var folder: URL { fixture.enclosingFolder.appending(path: "site") }

        func page(_ path: String) throws -> PageDOM {
            try PageDOM(SiteFiles.text(path, in: folder))
        }

        func text(_ path: String) throws -> String {
            try SiteFiles.text(path, in: folder)
        }

        func json(_ path: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(text(path).utf8))
        }
    }

    static func build(_ files: [String: String]) throws -> Site {
        let fixture = try FixtureRepository()
        for (path, text) in files { try fixture.write(path, text) }
        try fixture.commitAll("A vault")
        var plan = BuildPlan()
        plan.path = fixture.path
        let site = Site(fixture: fixture)
        plan.output = site.folder.path
        _ = try Build.run(plan)
        return site
    }

    static let vault = try! build([
        "Home.md": "Welcome **home**.\nA second line.\n",
        "Docs/Sales tax.md": "---\ntags: [tax, ]\naliases:\n---\nIn some places, taxes apply.\n\n## Tax exemption\n\nApply here.\n",
        "Repeats.md": "# Repeats\n\nThe heading is the file's name.\n",
        "Named.md": "---\ntitle: A chosen title\n---\n# Agenda\n\nThe heading is not the title.\n",
        "Blank title.md": "---\ntitle: \"\"\n---\nThe title is empty, so the name stands.\n",
        "Q&A.md": "**Can I?**\nYes, you can.\n**And then?**\nThen [[Home]].\n",
    ])

    /// File, page, and the title every channel must give it.
    static let titles = [
        ("Docs/Sales tax.md", "docs/sales-tax/index.html", "Sales tax"),
        ("Repeats.md", "repeats/index.html", "Repeats"),
        ("Named.md", "named/index.html", "A chosen title"),
        ("Blank title.md", "blank-title/index.html", "Blank title"),
        ("Q&A.md", "q-a/index.html", "Q&A"),
        ("Home.md", "index.html", "Home"),
    ]

    @Test(arguments: titles)
    func aPageIsTitledAsObsidianTitlesItsNote(file: String, page: String, title: String) throws {
        let dom = try Self.vault.page(page)
        // The front page bears the site's name alone, as sites do.
        #expect(dom.all("title").map(\.text) == [file == "Home.md" ? "Commons" : "\(title) · Commons"], "\(file)")
        #expect(dom.all("meta").first { $0.attributes["property"] == "og:title" }?.attributes["content"] == title, "\(file)")
        // X (Twitter), Slack and Mastodon read the Open Graph tags; X shows a card only when asked to.
        #expect(dom.all("meta").first { $0.attributes["name"] == "twitter:card" }?.attributes["content"] == "summary", "\(file)")
        let article = try #require(dom.all("article", class: "note").first)
        let headings = article.all("h1").map(\.text)
        #expect(headings.first == title, "\(file): the page's heading is the title")
        #expect(headings.filter { $0 == title }.count == 1, "\(file): a heading that repeats the title is not shown twice")
        if file.contains("/") {
            #expect(article.all("li").last { $0.attributes["aria-current"] == "page" }?.text == title, "\(file): breadcrumbs")
        }
        #expect(!dom.root.text.contains("nil"), "\(file) shows a placeholder")
    }

    @Test func aHeadingThatIsNotTheTitleStaysInTheText() throws {
        let article = try #require(try Self.vault.page("named/index.html").all("article", class: "note").first)
        #expect(article.all("h1").map(\.text) == ["A chosen title", "Agenda"])
        let salesTax = try #require(try Self.vault.page("docs/sales-tax/index.html").all("article", class: "note").first)
        #expect(salesTax.all("h1").count == 1)
        #expect(salesTax.all("div", class: "note-body").first?.all("h2").map(\.text) == ["Tax exemption"])
    }

    @Test func listsSearchBundleAndHistoryGiveTheSameTitles() throws {
        let expected = Set(Self.titles.map(\.2))
        let allNotes = try Self.vault.page("all-notes/index.html")
        let listed = try #require(allNotes.all("main").first).all("a").map(\.text)
        #expect(Set(listed).isSuperset(of: expected) && !listed.contains(""), "\(listed)")

        let searchTable = try #require(try Self.vault.json("search/notes/0.json") as? [[String]])
        #expect(Set(searchTable.map { $0[1] }) == expected)

        let bundle = try #require(try Self.vault.json("commons.json") as? [String: Any])
        let notes = try #require(bundle["notes"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: notes.map { ($0["path"] as? String ?? "", $0["title"] as? String ?? "") })
            == Dictionary(uniqueKeysWithValues: Self.titles.map { ($0.0, $0.2) }))

        let llms = try Self.vault.text("llms.txt")
        for title in expected { #expect(llms.contains("- [\(title)]("), "llms.txt lists \(title)") }

        let history = try Self.vault.page("docs/sales-tax/history/index.html")
        #expect(history.all("title").map(\.text) == ["History of Sales tax · Commons"])
        #expect(history.all("h1").map(\.text) == ["History of Sales tax"])
    }

    @Test func homeMdIsTheHomePage() throws {
        let dom = try Self.vault.page("index.html")
        let body = try #require(dom.all("div", class: "note-body").first)
        #expect(body.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Welcome home.\nA second line.")
        #expect(!FileManager.default.fileExists(atPath: Self.vault.folder.appending(path: "home/index.html").path),
                "the home note has one page, the site's front")
        let link = try #require(try Self.vault.page("q-a/index.html").all("a", class: "wikilink").first)
        #expect(link.attributes["href"] == "../" && link.text == "Home")
    }

    /// Obsidian's default ("strict line breaks" off) shows each single newline as a line break.
    @Test func aSingleNewlineIsALineBreakByDefault() throws {
        let body = try #require(try Self.vault.page("q-a/index.html").all("div", class: "note-body").first)
        let paragraph = try #require(body.all("p").first)
        #expect(paragraph.children.map(\.name) == ["strong", "br", "br", "strong", "br", "a"])
        #expect(try Self.vault.page("index.html").all("div", class: "note-body").first?.all("br").count == 1)
    }

    /// The community hub links both `[[phnx]]` and `[[Phnx]]`: the two came in the order of a
    /// dictionary, which changes from run to run, and so did the page's bytes.
    @Test func wantedNamesThatDifferInCaseComeInByteOrder() throws {
        let site = try Self.build(["a.md": "[[phnx]] [[Zed]]", "b.md": "[[Phnx]] [[alpha]]"])
        let wanted = try site.page("wanted/index.html").all("span", class: "unresolved").map(\.text)
        #expect(wanted == ["alpha", "Phnx", "phnx", "Zed"])
    }

    @Test(arguments: [
        (".obsidian/app.json", "{\"strictLineBreaks\": true, \"theme\": \"obsidian\"}"),
        ("commons.yml", "strict_line_breaks: true\n"),
    ])
    func strictLineBreaksJoinTheLines(settingsFile: String, settings: String) throws {
        let site = try Self.build(["Q&A.md": "**Can I?**\nYes, you can.\n", settingsFile: settings])
        let paragraph = try #require(try site.page("q-a/index.html").all("div", class: "note-body").first?.all("p").first)
        #expect(paragraph.children.map(\.name) == ["strong"])
        #expect(paragraph.text == "Can I?\nYes, you can.")
    }

    /// A note's own graph reaches the notes one link away, either way, as Obsidian's local graph does
    /// by default: not the notes beyond them.
    @Test func aNotesGraphHoldsItsNeighbours() throws {
        let site = try Self.build([
            "Chain/Start.md": "On to [[Middle]].\n", "Chain/Middle.md": "On to [[End]].\n", "Chain/End.md": "The end.\n",
            "Chain/Before.md": "Back to [[Start]].\n",
        ])
        let graph = try #require(try site.page("chain/start/index.html").all("div", class: "graph").first?.attributes["data-graph"])
        let drawing = try #require(try JSONSerialization.jsonObject(with: Data(graph.utf8)) as? [String: Any])
        let titles = (drawing["nodes"] as? [[String]])?.map { $0[0] }
        #expect(titles == ["Start", "Before", "Middle"])
        #expect(drawing["depths"] as? [Int] == [0, 1, 1])
        #expect(drawing["links"] as? [Int] == [0, 1, 0, 2])
    }

    /// A note that links here from several passages is listed once, with each passage, as Obsidian's
    /// backlinks pane lists it; a passage that links twice is shown once.
    @Test func eachNoteThatLinksHereIsListedOnceWithItsPassages() throws {
        let site = try Self.build([
            "Garden.md": "Plant roses.\n",
            "Plan.md": "First see [[Garden]].\n\nLater, [[Garden]] again and [[Garden|the beds]].\n",
            "Diary.md": "- Walked to the [[Garden]].\n",
        ])
        let items = try site.page("garden/index.html").all("section", class: "backlinks").first?.all("li") ?? []
        #expect(items.map { $0.all("a").first?.text } == ["Diary", "Plan"])
        #expect(items.map { $0.all("p").map(\.text) } == [["Walked to the Garden."], ["First see Garden.", "Later, Garden again and the beds."]])
    }

    /// A hub's page stays light: it lists the first notes that link to it, and says how many more do.
    @Test func aHubListsItsFirstBacklinksAndCountsTheRest() throws {
        var files = ["Hub.md": "Everything starts here.\n"]
        for number in 1...(NotePage.backlinksShown + 3) { files[String(format: "Notes/Note %03d.md", number)] = "Back to [[Hub]].\n" }
        let site = try Self.build(files)
        let section = try #require(try site.page("hub/index.html").all("section", class: "backlinks").first)
        #expect(section.all("li").count == NotePage.backlinksShown)
        #expect(section.all("p", class: "backlinks-more").map(\.text) == ["And 3 more notes link here."])
    }

    /// A search result names the folders its note is in below the content folder, as the page's
    /// breadcrumbs do: not the content folder, nor the URL's slugs.
    @Test func searchResultsNameTheFoldersBelowTheContentFolder() throws {
        let site = try Self.build([
            "commons.yml": "content: vault\n",
            "vault/Editing and formatting/Callouts.md": "Boxes.\n", "vault/Home.md": "Start.\n",
        ])
        let table = try #require(try site.json("search/notes/0.json") as? [[String]])
        #expect(table == [["editing-and-formatting/callouts/", "Callouts", "Editing and formatting"], ["", "Home"]])
    }
}
