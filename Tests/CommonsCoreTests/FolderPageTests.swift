@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// Each folder has its own pages below the page of all notes, a hundred notes to a page, and every
/// link among them, and from a note's breadcrumbs, leads to a page the site has.
@Suite struct FolderPageTests {
    static let bigFolder = (0..<230).map { String(format: "Big/Note %03d.md", $0) }

    static let vault = try! ObsidianVaultSiteTests.build(
        Dictionary(uniqueKeysWithValues: bigFolder.map { ($0, "Text of \($0), with no heading.\n") }).merging([
            "Big/Page/Inner.md": "A folder named like the pages after the first.\n",
            "Big/Foo Bar/A.md": "Two folders whose names make one slug.\n",
            "Big/foo-bar/B.md": "The second of them.\n",
            "Folders/C.md": "A top folder named like the explorer's data.\n",
            "Home.md": "Home.\n",
        ]) { first, _ in first })

    /// The file a relative link from `page` (a path ending in `index.html`) leads to.
    static func target(of href: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in href.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        return (parts + ["index.html"]).joined(separator: "/")
    }

    func links(_ dom: PageDOM, class className: String) throws -> [(text: String, href: String)] {
        try #require(dom.all("ul", class: className).first).all("a").map { ($0.text, $0.attributes["href"] ?? "") }
    }

    @Test func aBigFolderIsPagedAHundredNotesAPage() throws {
        var listed: [String] = []
        for (number, page) in ["all-notes/big/index.html", "all-notes/big/page/2/index.html", "all-notes/big/page/3/index.html"].enumerated() {
            let dom = try Self.vault.page(page)
            #expect(dom.all("h1").map(\.text) == ["Big"])
            let notes = try links(dom, class: "note-list")
            #expect(notes.count == [100, 100, 30][number], "\(page)")
            for note in notes {
                #expect(FileManager.default.fileExists(atPath: Self.vault.folder.appending(path: Self.target(of: note.href, from: page)).path), "\(page): \(note.href)")
            }
            listed += notes.map(\.text)
            let pager = try #require(dom.all("nav", class: "pager").first).all("a")
            let expected = [["Next →"], ["← Previous", "Next →"], ["← Previous"]][number]
            #expect(pager.map(\.text) == expected, "\(page)")
            for link in pager {
                let next = Self.target(of: link.attributes["href"] ?? "", from: page)
                #expect(next == ["all-notes/big/index.html", "all-notes/big/page/2/index.html", "all-notes/big/page/3/index.html"][number + (link.attributes["rel"] == "next" ? 1 : -1)])
            }
        }
        #expect(listed == Self.bigFolder.map { String($0.dropFirst("Big/".count).dropLast(".md".count)) })
    }

    @Test func foldersWhoseSlugsClashKeepDistinctPages() throws {
        let folders = try links(try Self.vault.page("all-notes/big/index.html"), class: "folder-list")
        #expect(folders.map(\.text) == ["foo-bar", "Foo Bar", "Page"] || folders.map(\.text) == ["Foo Bar", "foo-bar", "Page"])
        let pages = folders.map { Self.target(of: $0.href, from: "all-notes/big/index.html") }
        #expect(Set(pages) == ["all-notes/big/foo-bar/index.html", "all-notes/big/foo-bar-2/index.html", "all-notes/big/page-2/index.html"])
        for (folder, page) in zip(folders, pages) {
            #expect(try Self.vault.page(page).all("h1").map(\.text) == [folder.text])
        }
        #expect(try Self.vault.page("all-notes/folders-2/index.html").all("h1").map(\.text) == ["Folders"])
    }

    /// The explorer loads a folder's first notes only, and the way to the rest.
    @Test func theExplorerLoadsABigFoldersFirstNotes() throws {
        let top = try #require(try Self.vault.json("all-notes/folders/0.json") as? [String: Any])
        let big = try #require((top["folders"] as? [[String: Any]])?.first { $0["name"] as? String == "Big" }?["number"] as? Int)
        let data = try #require(try Self.vault.json("all-notes/folders/\(big).json") as? [String: Any])
        let notes = try #require(data["notes"] as? [[String]])
        #expect(notes.map { $0[0] } == Self.bigFolder.prefix(50).map { String($0.dropFirst("Big/".count).dropLast(".md".count)) })
        let more = try #require(data["more"] as? [String: Any])
        #expect(more["count"] as? Int == 180 && more["page"] as? String == "all-notes/big/")
        #expect(top["more"] == nil, "a folder of few notes lists them all")
    }

    @Test func aNotesBreadcrumbsLeadToItsFoldersPages() throws {
        let page = "big/page/inner/index.html"
        let crumbs = try #require(try Self.vault.page(page).all("nav", class: "breadcrumbs").first).all("a")
        #expect(crumbs.map(\.text) == ["Home", "Big", "Page"])
        let targets = crumbs.dropFirst().map { Self.target(of: $0.attributes["href"] ?? "", from: page) }
        #expect(targets == ["all-notes/big/index.html", "all-notes/big/page-2/index.html"])
        let fallback = try #require(try Self.vault.page(page).all("p", class: "explorer-fallback").first?.all("a").first?.attributes["href"])
        #expect(Self.target(of: fallback, from: page) == "all-notes/big/page-2/index.html", "without JavaScript, the explorer leads to the folder's page")
        let folderCrumbs = try #require(try Self.vault.page(targets[1]).all("nav", class: "breadcrumbs").first).all("a")
        #expect(folderCrumbs.map { Self.target(of: $0.attributes["href"] ?? "", from: targets[1]) } == ["all-notes/index.html", "all-notes/big/index.html"])
    }
}

/// Past a thousand notes, the page of all notes is the top folder's page, paged, not one tree.
@Suite struct AllNotesPageTests {
    @Test func aCommonsOfMoreThanAThousandNotesPagesItsListOfAllNotes() throws {
        var files = ["Home.md": "Home.\n"]
        for number in 0..<150 { files[String(format: "Top %03d.md", number)] = "Top note \(number).\n" }
        for number in 0..<(AllNotesPage.notesInTree - 150) { files[String(format: "Deep/Note %04d.md", number)] = "Deep note \(number).\n" }
        let site = try ObsidianVaultSiteTests.build(files)
        let first = try site.page("all-notes/index.html")
        let main = try #require(first.all("main").first)
        #expect(main.all("h1").map(\.text) == ["All notes"])
        #expect(main.all("ul", class: "note-tree").isEmpty, "no tree of \(files.count) notes")
        #expect(main.all("ul", class: "folder-list").first?.all("a").map(\.text) == ["Deep"])
        #expect(main.all("ul", class: "note-list").first?.all("a").count == FolderPage.notesPerPage)
        let second = try #require(try site.page("all-notes/page/2/index.html").all("main").first)
        #expect(second.all("ul", class: "note-list").first?.all("a").map(\.text).first == "Top 099")
        #expect(try site.page("all-notes/deep/page/9/index.html").all("ul", class: "note-list").first?.all("a").count == 50)
    }
}

/// The home page a commons without a home note gets: the whole list while it is short, and past that
/// what a reader starts from, so that it stays light however many notes there are.
@Suite struct FrontPageTests {
    @Test func aBigCommonsHomeShowsFoldersRecentAndMostLinkedNotes() throws {
        let fixture = try FixtureRepository()
        for number in 0..<120 {
            let links = number % 3 == 0 ? "See [[Hub]] and [[Side]].\n" : number % 2 == 0 ? "See [[Hub]].\n" : "Nothing to link.\n"
            try fixture.write(String(format: "%@/Note %03d.md", number < 60 ? "Garden" : "Workshop", number), "Note \(number), with no heading. \(links)")
        }
        try fixture.write("Workshop/Hub.md", "The hub.\n")
        try fixture.write("Side.md", "On the side.\n")
        try fixture.commitAll("Notes")
        try fixture.write("Garden/Note 005.md", "Note 5, edited last.\n")
        try fixture.write("Side.md", "On the side, edited.\n")
        try fixture.commitAll("Edits")
        var plan = BuildPlan()
        plan.path = fixture.path
        plan.output = fixture.enclosingFolder.appending(path: "site").path
        _ = try Build.run(plan)
        let home = try PageDOM(SiteFiles.text("index.html", in: fixture.enclosingFolder.appending(path: "site")))

        let main = try #require(home.all("main").first)
        #expect(main.all("h2").map(\.text) == ["Folders", "Recently updated", "Most linked"])
        let lists = main.all("ul")
        #expect(lists[0].all("a").map(\.text) == ["Garden", "Workshop"])
        #expect(lists[0].all("a").map { $0.attributes["href"] } == ["all-notes/garden/", "all-notes/workshop/"])
        // The two notes of the last commit first, in a reader's order, then the rest by the first.
        #expect(lists[1].all("a").map(\.text).prefix(2) == ["Note 005", "Side"])
        #expect(lists[1].all("a").count == FrontPage.shown)
        #expect(lists[2].all("a").map(\.text).prefix(2) == ["Hub", "Side"])
        #expect(main.all("a").count < 50, "the home lists a few notes, not all \(122)")
    }

    @Test func aSmallCommonsHomeListsEveryNote() throws {
        let site = try ObsidianVaultSiteTests.build(["a.md": "A.\n", "Folder/b.md": "B.\n"])
        let main = try #require(try site.page("index.html").all("main").first)
        #expect(main.all("h2").isEmpty)
        #expect(Set(main.all("a").map(\.text)) == ["a", "b"])
    }
}
