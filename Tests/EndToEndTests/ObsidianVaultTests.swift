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
}
