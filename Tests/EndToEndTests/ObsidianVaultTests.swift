import Foundation
import Testing
import TestSupport

/// Notes as people keep them in Obsidian: most have no `# Title`, since Obsidian titles a note after
/// its file; front matter lists may be empty.
@Suite struct ObsidianVaultTests {
    @Test func aNoteWithoutAHeadingIsTitledAfterItsFile() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Licenses/Sales tax.md", "---\npermalink: sales-tax\n---\nIn some places, taxes apply.\n\n## Tax exemption\n\nApply here.\n")
        try fixture.write("Repeats.md", "# Repeats\n\nThe heading is the file's name.\n")
        try fixture.write("Named.md", "---\ntitle: A chosen title\n---\nNo heading.\n")
        try fixture.write("getting-started.md", "# Getting started\n\nThe same title, better written.\n")
        try fixture.write("docs/README.md", "# The documentation\n\nA file name that says nothing.\n")
        try fixture.write("Meeting.md", "# Agenda\n\nThe heading is not the title.\n")
        try fixture.commitAll("Notes as Obsidian keeps them")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        let meeting = try SiteFiles.text("meeting/index.html", in: site)
        #expect(meeting.contains("<title>Meeting · Commons</title>") && meeting.contains("<h1>Meeting</h1>") && meeting.contains(">Agenda</h1>"))
        for (path, title) in [("licenses/sales-tax/index.html", "Sales tax"), ("repeats/index.html", "Repeats"), ("named/index.html", "A chosen title"),
                              ("getting-started/index.html", "Getting started"), ("docs/readme/index.html", "The documentation")] {
            let page = try SiteFiles.text(path, in: site)
            #expect(page.contains("<title>\(title) · Commons</title>"), "\(path)")
            #expect(page.components(separatedBy: "<h1").count == 2, "\(path) has one h1")
            #expect(page.contains(">\(title)</h1>"), "\(path)")
            #expect(!page.contains("nil"), "\(path) shows a placeholder")
        }
        let bundle = try SiteFiles.text("commons.json", in: site)
        #expect(bundle.contains("\"title\":\"Sales tax\""))
    }

    @Test func homeMdIsTheHomePageUnlessTheSettingsNameAnother() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Home.md", "Welcome home.\n")
        try fixture.write("Start.md", "Start here.\n")
        try fixture.commitAll("Two start pages")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try SiteFiles.text("index.html", in: fixture.url.appending(path: "_site")).contains("Welcome home."))
        try fixture.write("commons.yml", "home: Start.md\n")
        try fixture.commitAll("Choose the home page")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try SiteFiles.text("index.html", in: fixture.url.appending(path: "_site")).contains("Start here."))
        #expect(try SiteFiles.text("home/index.html", in: fixture.url.appending(path: "_site")).contains("Welcome home."))
    }

    /// Math is typeset by KaTeX from Debian's packages, copied into the site only when a note has math.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/javascript/katex/katex.min.js"), "needs Debian's libjs-katex"))
    func mathBringsKaTeXOnlyWhereItIsUsed() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Euler.md", "Famous: $e^{i\\pi} + 1 = 0$.\n\n$$\n\\sum_{k=1}^{n} k\n$$\n")
        try fixture.write("Prose.md", "No math here, $5 and $10.\n")
        try fixture.commitAll("Math")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        let files = try SiteFiles.all(in: site)
        #expect(files["assets/katex/katex.min.js"] != nil && files["assets/katex/auto-render.min.js"] != nil)
        #expect(files.keys.contains { $0.hasPrefix("assets/katex/fonts/KaTeX_Main-Regular.woff2") })
        let euler = try SiteFiles.text("euler/index.html", in: site)
        #expect(euler.contains("<script src=\"../assets/katex/katex.min.js\" defer></script>"))
        #expect(euler.contains(#"<span class="math math-inline">\(e^{i\pi} + 1 = 0\)</span>"#), "\(euler)")
        #expect(!(try SiteFiles.text("prose/index.html", in: site)).contains("katex"), "a page without math loads no KaTeX")

        try fixture.write("Euler.md", "No more math.\n")
        try fixture.commitAll("No math")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try SiteFiles.all(in: site).keys.contains { $0.hasPrefix("assets/katex") } == false)
    }
}
