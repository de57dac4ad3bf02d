import CommonsCore
import Foundation
import Testing
import TestSupport

@Suite struct HistoryPageTests {
    @Test func eachNoteHasAHistoryPage() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Plan.md", "# Plan\n\nFirst idea.\n")
        let first = try fixture.commitAll("Start the plan", author: "Ada Lovelace <ada@example.org>")
        try fixture.write("Plan.md", "# Plan\n\nBetter idea.\n")
        let second = try fixture.commitAll("Improve the plan", author: "Grace Hopper <grace@example.org>")
        let result = try CommonsBinary.run(["build", "--repo-url", "https://git.example.org/me/notes/"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")

        let site = fixture.url.appending(path: "_site")
        let note = try SiteFiles.text("plan/index.html", in: site)
        #expect(note.contains("Created 2024-01-01 · Updated 2024-01-02 · Revisions: 2 · By Ada Lovelace, Grace Hopper · <a href=\"../plan/history/\">History</a>"))
        let page = try SiteFiles.text("plan/history/index.html", in: site)
        #expect(page.contains("<h1>History of <a href=\"../../plan/\">Plan</a></h1>"))
        #expect(page.contains("<a href=\"https://git.example.org/me/notes/commit/\(second)\"><code>\(second.prefix(7))</code></a>"))
        #expect(page.contains("<span class=\"diff-added\">+1</span> <span class=\"diff-removed\">−1</span>"))
        #expect(page.contains("<p class=\"revision-subject\">Improve the plan</p>"))
        #expect(page.range(of: second.prefix(7))!.lowerBound < page.range(of: first.prefix(7))!.lowerBound, "newest first")
    }

    @Test func recentChangesAndTheAtomFeedListCommitsWithTheirNotes() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "---\ntitle: Alpha\n---\nA note.\n")
        try fixture.write("b.md", "---\ntitle: Beta\n---\nAnother.\n")
        try fixture.commitAll("Add alpha and beta")
        try fixture.write("b.md", "---\ntitle: Beta\n---\nAnother.\n\nMore.\n")
        try fixture.write("private/c.md", "# zqhiddennote\n")
        let latest = try fixture.commitAll("Extend beta")
        #expect(try CommonsBinary.run(["build", "--base-url", "https://notes.example.org/"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        let page = try SiteFiles.text("recent-changes/index.html", in: site)
        #expect(page.contains("<p class=\"revision-subject\">Extend beta</p>\n<p class=\"revision-notes\"><a href=\"../b/\">Beta</a></p>"))
        #expect(page.contains("<p class=\"revision-notes\"><a href=\"../a/\">Alpha</a>, <a href=\"../b/\">Beta</a></p>"))

        // The feed is well-formed Atom with an entry per commit, read by Python's XML parser.
        let script = """
            import sys, xml.etree.ElementTree as ET
            atom = "{http://www.w3.org/2005/Atom}"
            feed = ET.parse(sys.argv[1]).getroot()
            assert feed.tag == atom + "feed", feed.tag
            for required in ("id", "title", "updated"):
                assert feed.find(atom + required) is not None, required
            entries = feed.findall(atom + "entry")
            print(len(entries), entries[0].find(atom + "id").text, entries[0].find(atom + "updated").text)
            """
        let result = try Run.command(["python3", "-c", script, site.appending(path: "feed.xml").path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2 https://notes.example.org/recent-changes/#\(latest) 2024-01-02T12:00:00Z\n")
        #expect(!(try SiteFiles.text("feed.xml", in: site)).contains("zqhiddennote"))

        #expect(try CommonsBinary.run(["build", "-o", "plain"], in: fixture.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "plain/feed.xml").path), "Atom needs absolute links")
    }

    @Test func theHomePagesHistoryHasAFolderOfItsOwn() throws {
        let fixture = try FixtureRepository()
        try fixture.write("index.md", "# Home\n")
        try fixture.commitAll("Home")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        #expect(try SiteFiles.text("index.html", in: site).contains("<a href=\"home-history/\">History</a>"))
        #expect(try SiteFiles.text("home-history/index.html", in: site).contains("<h1>History of <a href=\"../\">Home</a></h1>"))
    }

    @Test func aVersionThatWasPrivateIsNeverShown() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Diary.md", "---\nprivate: true\n---\nzqoncepriv secret thoughts\n")
        try fixture.commitAll("Private at first")
        try fixture.write("Diary.md", "# Diary\n\nNow public, the secret is gone.\n")
        try fixture.commitAll("Publish the diary")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let files = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
        #expect(files["diary/history/index.html"] != nil)
        for (path, bytes) in files {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("zqoncepriv"), "\(path) shows a version that was private")
        }
    }

    /// Git's line counts against a private version would tell how long it was.
    @Test func aPrivateVersionsLinesAreNotCounted() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Diary.md", "---\nprivate: true\n---\n" + (1...40).map { "Private line \($0).\n" }.joined())
        try fixture.commitAll("Private at first")
        try fixture.write("Diary.md", "# Diary\n\nNow public.\n")
        try fixture.commitAll("Publish the diary")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let page = try SiteFiles.text("diary/history/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.components(separatedBy: "class=\"diff-stat\"").count == 2, "only the published version has counts")
        #expect(page.contains("<span class=\"diff-added\">+3</span> <span class=\"diff-removed\">−0</span>"), "\(page)")
        #expect(!page.contains("−43") && !page.contains("−40"))

        // The bundle, in the site and from `commons bundle` (which `commons mcp` serves), counts alike.
        let exported = try CommonsBinary.run(["bundle"], in: fixture.url)
        #expect(exported.status == 0, "\(exported.standardError)")
        for bundle in [try Data(contentsOf: fixture.url.appending(path: "_site/commons.json")), Data(exported.standardOutput.utf8)] {
            let history = try #require(try AgentCommons.decode(bundle: bundle).notes.first { $0.id == "diary" }).history
            #expect(history.map(\.subject) == ["Publish the diary", "Private at first"])
            #expect(history.map(\.added) == [3, nil] && history.map(\.removed) == [0, nil], "\(history)")
        }
    }
}

@Suite struct PastVersionTests {
    @Test func eachRevisionShowsItsChangesAndItsMarkdown() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Plan.md", "# Plan\n\nFirst idea.\n")
        let first = try fixture.commitAll("Start the plan")
        try fixture.write("Plan.md", "# Plan\n\nBetter <idea>.\n\nMore.\n")
        let second = try fixture.commitAll("Improve the plan")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)

        let site = fixture.url.appending(path: "_site")
        let page = try SiteFiles.text("plan/history/index.html", in: site)
        #expect(page.contains("""
            <pre class="diff"><code><span class="diff-hunk">@@ -1,3 +1,5 @@</span>
            <span class="diff-context"> # Plan</span>
            <span class="diff-context"> </span>
            <span class="diff-removed">-First idea.</span>
            <span class="diff-added">+Better &lt;idea&gt;.</span>
            <span class="diff-added">+</span>
            <span class="diff-added">+More.</span>
            </code></pre>
            """))
        #expect(page.contains("<a href=\"\(second).md\" type=\"text/markdown\">Markdown</a>"))
        // Each version's Markdown is the file as committed.
        for hash in [first, second] {
            #expect(try SiteFiles.text("plan/history/\(hash).md", in: site) == fixture.git("show", "\(hash):Plan.md"))
        }
    }

    /// A past version reads as a page, as the note read then: its links lead to the notes that are
    /// published now, and what is gone (a deleted note, a picture no note shows any more) is its text.
    @Test func aPastVersionReadsAsAPage() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Roses.md", "Red ones.\n")
        try fixture.write("Tulips.md", "Yellow ones.\n")
        try fixture.write("Garden/photo.png", "not really a picture")
        try fixture.write("Garden/Plan.md", "---\ntags: []\n---\nFirst idea: [[Roses]] and [[Tulips]].\n\n![[photo.png]]\n\n## Steps\n\nWater them, see [[#Steps]]. %%zqpastcomment%%\n")
        let first = try fixture.commitAll("Start the plan", author: "Ada Lovelace <ada@example.org>")
        try fixture.remove("Tulips.md")
        try fixture.write("Garden/Plan.md", "Better idea: [[Roses]] only.\n")
        let second = try fixture.commitAll("Only roses")
        let result = try CommonsBinary.run(["build", "--base-url", "https://notes.example.org/"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("Tulips") && !result.standardError.contains("photo"), "a past version is no claim about the notes now: \(result.standardError)")

        let site = fixture.url.appending(path: "_site")
        let history = try SiteFiles.text("garden/plan/history/index.html", in: site)
        #expect(history.contains("<a href=\"\(first).html\">Read this version</a>"))
        let page = try SiteFiles.text("garden/plan/history/\(first).html", in: site)
        #expect(page.contains("<title>Plan, version of 2024-01-01 · "))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">") && !page.contains("rel=\"canonical\""))
        #expect(page.contains("<h1>Plan</h1>"))
        #expect(page.contains("First idea: <a class=\"wikilink\" href=\"../../../roses/\">Roses</a> and Tulips."))
        #expect(!page.contains("tulips/") && page.contains("Tulips"), "a note deleted since is text")
        #expect(!page.contains("<img") && !page.contains("photo.png\""), "a picture no note shows now is not in the site")
        #expect(page.contains("<h2 id=\"steps\">Steps</h2>") && page.contains("<a class=\"wikilink\" href=\"#steps\">Steps</a>"))
        #expect(!page.contains("zqpastcomment"))
        #expect(page.contains("A past version of <a href=\"../../../garden/plan/\">Plan</a>, from <time>2024-01-01</time>"))
        #expect(page.contains("by Ada Lovelace, “Start the plan”"))
        // The newest version is the note as its page shows it: read there, not on a page of its own.
        #expect(page.contains("<a href=\"../../../garden/plan/\" rel=\"next\">Newer: 2024-01-02 →</a>") && !page.contains("rel=\"prev\""))
        #expect(page.contains("<a href=\"\(first).md\" type=\"text/markdown\">Markdown</a>"))
        #expect(history.contains("<a href=\"../../../garden/plan/\">Read this version</a>"))
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "garden/plan/history/\(second).html").path))
        let sitemap = try SiteFiles.text("sitemap.xml", in: site)
        #expect(!sitemap.contains("history"), "past versions are not pages to find")
    }

    @Test func aVersionThatWasPrivateShowsNeitherTextNorDiff() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Diary.md", "---\nprivate: true\n---\nzqoncepriv secret thoughts\n")
        let first = try fixture.commitAll("Private at first")
        try fixture.write("Diary.md", "# Diary\n\nNow public.\n")
        let second = try fixture.commitAll("Publish the diary")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        let page = try SiteFiles.text("diary/history/index.html", in: site)
        #expect(page.contains("This version of the note was not published."))
        #expect(page.contains("The version before this one was not published"))
        #expect(page.contains("<span class=\"diff-added\">+Now public.</span>"))
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "diary/history/\(second).md").path))
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "diary/history/\(first).md").path))
    }

    @Test func pastVersionsNameNoPrivateNote() throws {
        let fixture = try FixtureRepository()
        try fixture.write("private/zqplanmarker.md", "# Plan\n")
        try fixture.write("Public.md", "See [the plan](private/zqplanmarker.md) and [[zqplanmarker|the plan]].\n")
        try fixture.commitAll("Link the plan")
        try fixture.write("Public.md", "No more plan.\n")
        try fixture.commitAll("Drop the link")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let files = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
        let versions = files.keys.filter { $0.hasPrefix("public/history/") && $0.hasSuffix(".md") }
        #expect(versions.count == 2)
        #expect(versions.contains { String(decoding: files[$0]!, as: UTF8.self) == "See the plan and the plan.\n" })
        for (path, bytes) in files {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("zqplanmarker"), "\(path) names the private note")
        }
    }
}

@Suite struct HistoryCacheBuildTests {
    /// A build that reuses an earlier build's diffs writes the same bytes as one that starts afresh.
    @Test func aDescendantBuildWithTheCacheEqualsOneWithout() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n\nOne.\n")
        try fixture.write("b.md", "# B\n")
        try fixture.commitAll("Start")
        #expect(try CommonsBinary.run(["build", "-o", "first"], in: fixture.url).status == 0)
        let cache = fixture.url.appending(path: ".git/commons/history.cache")
        #expect(FileManager.default.fileExists(atPath: cache.path))
        try fixture.git("mv", "a.md", "c.md")
        try fixture.write("b.md", "# B\n\nTwo.\n")
        try fixture.commitAll("Rename a, edit b")
        #expect(try CommonsBinary.run(["build", "-o", "cached"], in: fixture.url).status == 0)
        try FileManager.default.removeItem(at: cache)
        #expect(try CommonsBinary.run(["build", "-o", "fresh"], in: fixture.url).status == 0)
        let cached = try SiteFiles.all(in: fixture.url.appending(path: "cached"))
        #expect(cached == (try SiteFiles.all(in: fixture.url.appending(path: "fresh"))))
        #expect(cached["c/history/index.html"].map { String(decoding: $0, as: UTF8.self).contains("renamed from <code>a.md</code>") } == true)
    }
}
