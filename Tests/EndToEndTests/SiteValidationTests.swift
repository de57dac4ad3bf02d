import Foundation
import Testing
import TestSupport

/// The built site, checked by real validators (Tests/site/check_site.py): the Nu Html Checker on every
/// page, LinkChecker over the site served locally, and axe-core in headless Chromium on a sample of
/// pages in both colour schemes, at desktop and phone widths; its search against `commons mcp`'s
/// (Tests/site/check_search.py); its script's features as a reader uses them (check_reading.py);
/// and against the page-weight budget (Tests/site/page_weight.py).
/// Serialized: each run keeps a JVM and two browsers busy, and the machine has two cores.
@Suite(.serialized) struct SiteValidationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = root.appending(path: "Tests/site/check_site.py").path

    @Test func theDocumentationSiteIsValidLinkedAndAccessible() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-site-check")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appending(path: "site")
        let build = try CommonsBinary.run(["build", "--worktree", "-q", "--base-url", "https://commons.example.org/", "-o", site.path], in: Self.root)
        try #require(build.status == 0, "\(build.standardError)")
        try Self.check(site, hasCode: true)
        try Self.checkQuality(site, ["--queries", Self.root.appending(path: "Tests/site/search_queries.json").path, "--floor-1", "0.65", "--floor-3", "0.85"])
    }

    /// A generated commons has folders, renames, deletions, private notes, wanted notes and long histories.
    @Test func aGeneratedCommonsSiteIsValidLinkedAndAccessible() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-site-check")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = folder.appending(path: "repository").path
        let generate = try GeneratedCommons.make(at: repository)
        try #require(generate.status == 0, "\(generate.standardError)")
        let site = folder.appending(path: "site")
        let build = try CommonsBinary.run(["build", repository, "-q", "-o", site.path], in: folder)
        try #require(build.status == 0, "\(build.standardError)")
        try Self.check(site)
        // Each of its titles ("Note 17") finds its note first, among notes that all hold "note".
        try Self.checkQuality(site, ["--titles", "30", "--floor-1", "0.95", "--floor-3", "1"])
    }

    /// A commons the size of tldr's pages, 5,000 notes in one folder, with no home note: each note
    /// page with its CSS, JS and explorer data, the home and the list of all notes stay light.
    @Test func pagesOfAFiveThousandNoteFolderStayWithinTheirBudget() throws {
        let fixture = try FixtureRepository()
        var random = SplitMix(seed: 5000)
        for number in 0..<5000 {
            let links = (0..<3).map { _ in "[[Command \(random.next() % 5000)]]" }.joined(separator: ", ")
            try fixture.write("common/Command \(number).md", """
                > Does task \(number) of many. See also: \(links).

                - Run it:

                `command-\(number) --option {{path/to/file}}`

                """)
        }
        try fixture.commitAll("Five thousand commands")
        let site = try Self.site(of: fixture)
        try Self.expect("page_weight.py", on: site, printing: "page weight ok:")
        for page in ["index.html", "all-notes/index.html", "all-notes/common/index.html", "all-notes/common/page/50/index.html"] {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: site.appending(path: page).path)[.size] as? Int)
            #expect(size < 100_000, "\(page) is \(size) bytes")
        }
    }

    /// Search quality (Tests/site/search_quality.py): queries with known answers, hits@1 and hits@3
    /// held to their floors.
    static func checkQuality(_ site: URL, _ arguments: [String]) throws {
        try expect("search_quality.py", on: site, ["--commons", CommonsBinary.url.path] + arguments, printing: "search quality ok:")
    }

    /// The fixture's last commit, built into a site beside it.
    static func site(of fixture: FixtureRepository) throws -> URL {
        let site = fixture.enclosingFolder.appending(path: "site")
        let build = try CommonsBinary.run(["build", "-q", "-o", site.path], in: fixture.url)
        try #require(build.status == 0, "\(build.standardError)")
        return site
    }

    /// Runs one of the checkers of Tests/site on `site`: it passes when it exits 0 having printed `ok`.
    static func expect(_ checker: String, on site: URL, _ arguments: [String] = [], printing ok: String) throws {
        let result = try Run.command(["python3", root.appending(path: "Tests/site/\(checker)").path, site.path] + arguments)
        #expect(result.status == 0 && result.standardOutput.contains(ok), "\(result.standardOutput)\(result.standardError)")
    }

    /// A folder of more notes than the explorer lists: a note far down it is marked after the first
    /// ones, before the way to the folder's page, and the explorer stays in place beside it.
    @Test func aBigFoldersExplorerListsItsFirstNotesAndStaysInPlace() throws {
        let fixture = try FixtureRepository()
        for number in 0..<130 {
            try fixture.write(String(format: "Big folder/Entry %03d.md", number), "Entry \(number), with no heading, and [[Entry \((number + 1) % 130)]].\n")
        }
        try fixture.write("Home.md", "The home note.\n")
        try fixture.commitAll("A big folder")
        try Self.expect("check_explorer.py", on: try Self.site(of: fixture), printing: "explorer ok:")
    }

    /// `hasCode`: the site has a note with code and sections, whose copy buttons and section links
    /// are driven too.
    static func check(_ site: URL, hasCode: Bool = false) throws {
        let result = try Run.command(["python3", checker, site.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let last = result.standardOutput.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("site ok:"), "\(result.standardOutput)\(result.standardError)")
        // Search in the browser ranks as `commons mcp` does, from the same build's bundle.
        try expect("check_search.py", on: site, ["--commons", CommonsBinary.url.path], printing: "search ok:")
        // The script's features, driven as a reader would: search from the keyboard, previews, the
        // explorer, the graphs, the theme toggle.
        try expect("check_reading.py", on: site, hasCode ? ["--code"] : [], printing: "reading ok:")
        // The page-weight budget: a note page with its CSS and JS under 100 KB, a search a few hundred.
        try expect("page_weight.py", on: site, printing: "page weight ok:")
    }
}
