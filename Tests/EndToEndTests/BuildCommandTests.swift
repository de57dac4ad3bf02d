import Foundation
import Testing
import TestSupport

@Suite struct BuildCommandTests {
    /// A small commons with a folder, an image, a link between notes and a private note.
    func sampleCommons() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Test Commons\n")
        try fixture.write("index.md", "---\ntitle: Welcome\n---\nStart at [the guide](Guides/First%20Steps.md).\n")
        try fixture.write("Guides/First Steps.md", """
            ---
            tags: [guide, start]
            description: How to begin.
            ---
            # First Steps

            See ![the map](../img/map%201.png) and [home](../index.md).

            | a | b |
            |---|---|
            | 1 | 2 |
            """)
        try fixture.write("img/map 1.png", bytes: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        try fixture.write("img/unused.png", bytes: [1])
        try fixture.write("Diary.md", "---\nprivate: true\n---\nSECRET-DIARY-MARKER\n")
        try fixture.write("private/plans.md", "SECRET-PLANS-MARKER\n")
        try fixture.commitAll("First notes")
        return fixture
    }

    @Test func buildsPagesForACommit() throws {
        let fixture = try sampleCommons()
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Built 2 notes"))

        let site = fixture.url.appending(path: "_site")
        let files = try SiteFiles.all(in: site)
        let head = try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        // The lists of stems a query with a typing slip fetches, one per two first letters.
        #expect(files.keys.contains("search/near/gu.json"))
        // The bundle's pieces: the two notes, their buckets and the commit table, each named by its hash.
        let index = try #require(try JSONSerialization.jsonObject(with: Data(try SiteFiles.text("bundle/index.json", in: site).utf8)) as? [String: Any])
        let buckets = try #require(index["buckets"] as? [String: String])
        let pieces = Set(buckets.values).union(try #require(index["commits"] as? [String]))
        let objects = Set(files.keys.filter { $0.hasPrefix("bundle/objects/") })
        #expect(objects.count == pieces.count + 2 && pieces.allSatisfy { objects.contains("bundle/objects/\($0).json") }, "\(objects)")
        #expect(Set(files.keys.filter { !$0.hasPrefix("search/near/") && !$0.hasPrefix("bundle/objects/") }) == [
            "index.html", "guides/first-steps/index.html", "all-notes/index.html", "all-notes/guides/index.html", "404.html", "robots.txt",
            "assets/style.css", "assets/search.js", "assets/graph.js", "assets/graph-layout.js", "img/map 1.png", "tags/index.html", "tags/guide/index.html", "tags/start/index.html",
            "wanted/index.html", "guides/first-steps/history/index.html", "home-history/index.html", "recent-changes/index.html",
            "guides/first-steps/history/\(head).md", "home-history/\(head).md", "commons.json", "commons.schema.json", "bundle/index.json",
            "llms.txt", "llms-full.txt", "index.html.md", "guides/first-steps/index.html.md",
            "assets/commons.js", "search/index.html", "search/index.json", "search/words/0.json", "search/notes/0.json",
            "index.json", "guides/first-steps/index.json", "all-notes/folders/0.json", "all-notes/folders/1.json",
            "graph/index.html", "graph/data.json", "assets/favicon.svg", ".commons-files",
        ])
        let guide = try SiteFiles.text("guides/first-steps/index.html", in: site)
        #expect(guide.contains("<title>First Steps · Test Commons</title>"))
        #expect(guide.contains("<img src=\"../../img/map%201.png\" alt=\"the map\" />"))
        #expect(guide.contains("<a href=\"../../\">home</a>"))
        #expect(guide.contains("<table>"))
        #expect(guide.contains("href=\"../../assets/style.css\""))
        #expect(guide.contains("<meta name=\"description\" content=\"How to begin.\">"))
        #expect(guide.contains("<p class=\"note-history\">Created 2024-01-01 · Updated 2024-01-01 · Revisions: 1 · By Ada Lovelace · <a href=\"../../guides/first-steps/history/\">History</a></p>"))
        let home = try SiteFiles.text("index.html", in: site)
        #expect(home.contains("<a href=\"guides/first-steps/\">the guide</a>"))
        #expect(files["img/map 1.png"] == Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]))

        for (path, bytes) in files {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("SECRET-"), "a private note leaked into \(path)")
            #expect(!text.contains(fixture.path), "\(path) holds the building machine's path")
        }
    }

    @Test func sameCommitGivesIdenticalBytes() throws {
        let fixture = try sampleCommons()
        let first = try TemporaryFolder.make(prefix: "commons-first")
        let second = try TemporaryFolder.make(prefix: "commons-second")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let baseURL = "--base-url=https://notes.example.org/sub/"
        #expect(try CommonsBinary.run(["build", "-o", first.appending(path: "site").path, baseURL], in: fixture.url).status == 0)
        #expect(try CommonsBinary.run(["build", "-o", second.appending(path: "site").path, baseURL], in: fixture.url).status == 0)
        let one = try SiteFiles.all(in: first.appending(path: "site"))
        #expect(!one.isEmpty)
        #expect(one == (try SiteFiles.all(in: second.appending(path: "site"))))
    }

    /// With no `title:`, the site is named after the repository, as its `origin` names it, so that two
    /// clones of it in folders of other names give the same bytes; a repository without one is "Commons".
    @Test func theSiteIsNamedAfterTheRepository() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Home.md", "Welcome.\n")
        try fixture.commitAll("A note")
        let title = { (arguments: [String]) throws -> String? in
            let site = try TemporaryFolder.make(prefix: "commons-title").appending(path: "site")
            let result = try CommonsBinary.run(["build", "-o", site.path] + arguments, in: fixture.url)
            #expect(result.status == 0, "\(result.standardError)")
            let page = try SiteFiles.text("index.html", in: site)
            return page.firstMatch(of: /<meta property="og:site_name" content="([^"]*)">/).map { String($0.1) }
        }
        #expect(try title([]) == "Commons")
        try fixture.git("remote", "add", "origin", "https://github.com/someone/digital-garden.git")
        #expect(try title([]) == "digital-garden")
        try fixture.git("remote", "set-url", "origin", "git@example.org:someone/field-notes")
        #expect(try title([]) == "field-notes")
        #expect(try title(["--title", "Chosen"]) == "Chosen")
    }

    /// A build over the previous site rewrites only the files whose bytes changed; the others stay the
    /// same files (same inode, same modification time), which deploys that compare times rely on.
    @Test func theNextCommitRewritesOnlyWhatChanged() throws {
        let fixture = try sampleCommons()
        try fixture.write("Other.md", "# Other\n\nA note nothing links to.\n")
        try fixture.commitAll("Another note")
        #expect(try CommonsBinary.run(["build", "-o", "site"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "site")
        let inode = { (path: String) in
            try FileManager.default.attributesOfItem(atPath: site.appending(path: path).path)[.systemFileNumber] as? Int
        }
        let before = (other: try inode("other/index.html"), guide: try inode("guides/first-steps/index.html"),
                      style: try inode("assets/style.css"))

        try fixture.write("Guides/First Steps.md", "# First Steps\n\nNow with a new line.\n")
        try fixture.commitAll("Edit the guide")
        #expect(try CommonsBinary.run(["build", "-o", "site"], in: fixture.url).status == 0)

        #expect(try inode("other/index.html") == before.other)
        #expect(try inode("assets/style.css") == before.style)
        #expect(try inode("guides/first-steps/index.html") != before.guide)
        #expect(try SiteFiles.text("site/guides/first-steps/index.html", in: fixture.url).contains("Now with a new line."))
        #expect(try SiteFiles.text("site/recent-changes/index.html", in: fixture.url).contains("Edit the guide"))
    }

    @Test func aBaseURLAddsSitemapCanonicalLinksAndAnAbsolute404() throws {
        let fixture = try sampleCommons()
        let result = try CommonsBinary.run(["build", "--base-url", "https://user.example.io/repo"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let site = fixture.url.appending(path: "_site")
        let sitemap = try SiteFiles.text("sitemap.xml", in: site)
        #expect(sitemap.contains("<loc>https://user.example.io/repo/guides/first-steps/</loc>"))
        #expect(sitemap.contains("<loc>https://user.example.io/repo/</loc>"))
        #expect(!sitemap.contains("diary"))
        #expect(try SiteFiles.text("robots.txt", in: site).contains("Sitemap: https://user.example.io/repo/sitemap.xml"))
        let guide = try SiteFiles.text("guides/first-steps/index.html", in: site)
        #expect(guide.contains("<link rel=\"canonical\" href=\"https://user.example.io/repo/guides/first-steps/\">"))
        #expect(try SiteFiles.text("404.html", in: site).contains("href=\"/repo/assets/style.css\""))
    }

    @Test func buildsAnEarlierRevisionOrTheWorkingTree() throws {
        let fixture = try sampleCommons()
        try fixture.write("Later.md", "# Later note\n")
        try fixture.commitAll("Add a later note")
        try fixture.write("Uncommitted.md", "# Work in progress\n")

        #expect(try CommonsBinary.run(["build", "--rev", "HEAD~1", "-o", "old"], in: fixture.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "old/later").path))
        #expect(try CommonsBinary.run(["build", "-o", "head"], in: fixture.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "head/later/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "head/uncommitted").path))
        #expect(try CommonsBinary.run(["build", "--worktree", "-o", "work"], in: fixture.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "work/uncommitted/index.html").path))
        #expect(try SiteFiles.text("work/index.html", in: fixture.url).contains("from the working tree"))
    }

    @Test func contentFolderAndTemplateOverridesFromTheRepository() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "content: docs\ntitle: Docs\n")
        try fixture.write("docs/a.md", "# A\n")
        try fixture.write("outside.md", "# Outside\n")
        try fixture.write("site-template/note.mustache", "<p class=\"custom\">{{note.title}}</p>")
        try fixture.commitAll("Docs with a custom note template")

        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        #expect(try SiteFiles.text("a/index.html", in: site).contains("<p class=\"custom\">A</p>"))
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "outside").path))
        #expect(try SiteFiles.text("assets/style.css", in: site).contains("--measure"))
    }

    @Test func theCommandLineWinsOverCommonsYml() throws {
        let fixture = try sampleCommons()
        #expect(try CommonsBinary.run(["build", "--title", "From The Flag"], in: fixture.url).status == 0)
        #expect(try SiteFiles.text("index.html", in: fixture.url.appending(path: "_site")).contains("<title>From The Flag</title>"))
    }
}
