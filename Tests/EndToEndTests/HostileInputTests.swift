import Foundation
import Testing
import TestSupport

/// Broken and hostile input gets a diagnostic naming the file, and the build goes on for the rest.
@Suite struct HostileInputTests {
    @Test func brokenFilesAreReportedAndTheRestIsBuilt() throws {
        let fixture = try FixtureRepository()
        try fixture.write("ok.md", "# Fine\n")
        try fixture.write("lfs.md", "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n")
        try fixture.write("binary.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00])
        try fixture.write("latin1.md", bytes: Array("# Caf".utf8) + [0xE9, 0x0A])
        try fixture.write("bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array("---\ntitle: With BOM\n---\nText\n".utf8))
        try fixture.write("crlf.md", "---\r\ntitle: Windows lines\r\n---\r\n# Heading\r\n\r\nText\r\n")
        try fixture.write("huge.md", String(repeating: "Lorem ipsum dolor sit amet. ", count: 2_000_000))
        try fixture.write("headings.md", (1...10_000).map { "## Heading \($0)\n" }.joined())
        try fixture.write("nested.md", String(repeating: ">", count: 20_000) + " deep\n\n" + String(repeating: "[", count: 20_000))
        try fixture.write("not-yaml.md", "---\n: : : [\n---\nBody\n")
        try fixture.write("never-closed.md", "---\ntitle: Open\n\nBody\n")
        try fixture.write("outside.md", "[up](../../../../etc/passwd.md) [encoded](%2e%2e/%2e%2e/x.md) [abs](/etc/passwd) [nul](a%00b.md)")
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "escape.md").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "passwd.png").path, withDestinationPath: "/etc/passwd")
        try fixture.write("uses-link.md", "![secret](passwd.png)\n")
        try fixture.write("caf\u{E9}.md", "# NFC\n")
        try fixture.write("cafe\u{301}.md", "# NFD [link](caf\u{E9}.md)\n")
        try fixture.write("pictures.md", "![a](Photo.png) ![b](photo.png) ![c](caf\u{E9}.png) ![d](cafe\u{301}.png)\n")
        for name in ["Photo.png", "photo.png", "caf\u{E9}.png", "cafe\u{301}.png"] { try fixture.write(name, bytes: [1]) }
        try fixture.commitAll("Everything that can go wrong")

        let outside = try FileManager.default.contentsOfDirectory(atPath: fixture.enclosingFolder.path).sorted()
        let result = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let messages = result.standardError
        for (path, rule) in [
            ("lfs.md", "lfs-pointer"), ("binary.md", "encoding"), ("latin1.md", "encoding"), ("huge.md", "oversized-file"),
            ("not-yaml.md:", "front-matter"), ("never-closed.md:1:1", "front-matter"), ("escape.md", "symlink"),
            ("outside.md:1:1", "broken-link"), ("outside.md:1:33", "broken-link"), ("outside.md:1:82", "unresolved-link"),
            ("photo.png", "path-clash"), ("caf\u{E9}.png", "path-clash"), ("caf\u{E9}.md", "slug-collision"),
        ] {
            #expect(messages.split(separator: "\n").contains { $0.hasPrefix(path) && $0.hasSuffix("[\(rule)]") },
                    "no [\(rule)] diagnostic for \(path) in:\n\(messages)")
        }

        let site = fixture.url.appending(path: "_site")
        let files = try SiteFiles.all(in: site)
        for page in ["ok", "bom", "crlf", "headings", "nested", "never-closed", "outside", "uses-link"] {
            #expect(files["\(page)/index.html"] != nil, "\(page) was not built")
        }
        for skipped in ["lfs", "binary", "latin1", "huge", "not-yaml", "escape"] {
            #expect(files["\(skipped)/index.html"] == nil, "\(skipped) should have been skipped")
        }
        #expect(files["passwd.png"] == nil)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("root:x:0:0") })
        #expect(try SiteFiles.text("bom/index.html", in: site).contains("<title>With BOM"))
        #expect(try SiteFiles.text("crlf/index.html", in: site).contains("<title>Windows lines"))
        let links = try SiteFiles.text("outside/index.html", in: site)
        #expect(links.contains("<p>up encoded <a href=\"/etc/passwd\">abs</a> <span class=\"wikilink unresolved\">nul</span></p>"), "\(links)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.enclosingFolder.path).sorted() == outside)
    }

    /// Debian's gumbo is built with its assertions on, and this HTML fails one of them: it ended every
    /// command that read the note, `commons build` with signal 6. Now the note's raw HTML is left out
    /// with a warning at its line, and the rest of the note and the commons built.
    @Test func rawHTMLThatStopsTheHTMLParserIsLeftOut() throws {
        let fixture = try FixtureRepository()
        try fixture.write("note.md", "Before.\n\n<table><svg><select><title><select></select></title></select></svg></table>\n\nAfter.\n")
        try fixture.write("other.md", "Fine <kbd>x</kbd>.\n")
        try fixture.commitAll("HTML gumbo stops on")
        let result = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("note.md:3:1: warning: raw HTML left out: all of it, as it could not be read"), "\(result.standardError)")
        let page = try SiteFiles.text("note/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.contains("<p>Before.</p>") && page.contains("<p>After.</p>") && !page.contains("<svg><select"))
        #expect(try SiteFiles.text("other/index.html", in: fixture.url.appending(path: "_site")).contains("<kbd>x</kbd>"))
    }

    @Test func markupInTitlesAndFrontMatterIsEscaped() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: \"<script>alert('site')</script>\"\n")
        try fixture.write("x.md", """
            ---
            title: "<script>alert('title')</script> & \\"quotes\\""
            description: "\\"><img src=x onerror=alert(1)>"
            tags: ["<b>tag</b>"]
            ---
            <script>alert('body')</script>
            [click](javascript:alert('link'))
            <img src=x onerror="alert('img')">
            """)
        try fixture.commitAll("Hostile markup")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        for (path, bytes) in try SiteFiles.all(in: fixture.url.appending(path: "_site")) where path.hasSuffix(".html") {
            // The theme's own two scripts, and nothing from the notes.
            let html = String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: #"<script>try\{var t=localStorage[^<]*</script>"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"<script src="[./]*assets/commons\.js" defer></script>"#, with: "", options: .regularExpression)
            #expect(!html.contains("<script"), "\(path) has a script tag")
            // History pages show the Markdown's text, escaped; no attribute may hold such a URL.
            #expect(!html.contains("=\"javascript:"), "\(path) has a javascript: URL")
            #expect(!html.contains("<img src=x"), "\(path) has raw HTML")
            #expect(!html.contains("<b>tag"), "\(path) has raw HTML from a tag")
        }
        let page = try SiteFiles.text("x/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func aDetachedHeadAndAShallowCloneBuild() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        try fixture.commitAll("One")
        try fixture.write("b.md", "# B\n")
        try fixture.commitAll("Two")
        try fixture.git("checkout", "--quiet", "--detach", "HEAD~1")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/b").path))

        let clone = try TemporaryFolder.make(prefix: "commons-shallow")
        defer { try? FileManager.default.removeItem(at: clone) }
        try fixture.git("checkout", "--quiet", "main")
        _ = try Run.command(["git", "clone", "--quiet", "--depth", "1", "file://\(fixture.path)", clone.appending(path: "c").path])
        let result = try CommonsBinary.run(["build"], in: clone.appending(path: "c"))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: clone.appending(path: "c/_site/b/index.html").path))
    }

    @Test func aSubmoduleIsSkippedWithANote() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        let head = try fixture.commitAll("One")
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/notes")
        try fixture.commitStaged("Add a submodule")
        let result = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(result.status == 0)
        #expect(result.standardError.contains("vendor/notes: warning: submodule skipped"))
    }
}
