@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// A build into the folder of the previous build keeps the pages laid out from the same values; the
/// site it leaves must be the site a build from nothing gives, after any change.
@Suite struct IncrementalBuildTests {
    /// Builds the fixture's HEAD into `site`, over whatever is there.
    static func build(_ fixture: FixtureRepository, into site: URL) throws -> BuildReport {
        var plan = BuildPlan()
        plan.path = fixture.path
        plan.output = site.path
        return try Build.run(plan)
    }

    /// Builds into `site`, and a copy of the repository without any cache into a new folder, and
    /// expects the same files.
    static func expectSameAsFreshBuild(_ fixture: FixtureRepository, into site: URL,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        let report = try build(fixture, into: site)
        let copy = try TemporaryFolder.make(prefix: "fresh")
        defer { try? FileManager.default.removeItem(at: copy) }
        let repository = copy.appending(path: "repository")
        try FileManager.default.copyItem(at: fixture.url, to: repository)
        try? FileManager.default.removeItem(at: repository.appending(path: ".git/commons"))
        var plan = BuildPlan()
        plan.path = repository.path
        plan.output = copy.appending(path: "site").path
        let fresh = try Build.run(plan)
        #expect(fresh.keptPages == 0, sourceLocation: sourceLocation)
        let (incremental, expected) = (try SiteFiles.all(in: site), try SiteFiles.all(in: copy.appending(path: "site")))
        #expect(incremental.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in expected where incremental[path] != bytes {
            Issue.record("\(path) differs from a fresh build", sourceLocation: sourceLocation)
        }
        return report
    }

    @Test func everyChangeGivesTheSiteOfABuildFromNothing() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Home.md", "---\naliases: [Start]\n---\n# Home\n\n[[Topic]], and a part of it:\n\n![[Topic#Part]]\n")
        try fixture.write("Topic.md", "# Topic\n\n## Part\n\nIn part. #idea\n\n![[Leaf]]\n")
        try fixture.write("Leaf.md", "# Leaf\n\nA leaf. [[Start]]\n")
        try fixture.write("Other.md", "# Other\n\nUnrelated, links [[Missing]].\n")
        try fixture.write("Secret.md", "---\nprivate: true\n---\n# Secret\n")
        let site = try TemporaryFolder.make(prefix: "site").appending(path: "site")
        let commit = { (message: String) in _ = try fixture.commitAll(message) }
        try commit("Start")
        let first = try Self.expectSameAsFreshBuild(fixture, into: site)
        #expect(first.keptPages == 0)
        let again = try Self.build(fixture, into: site)
        #expect(again.keptPages == again.pages, "the same commit again: every page kept")

        // One note's text: its page, its history and the pages that show it change, no others.
        try fixture.write("Other.md", "# Other\n\nStill unrelated, links [[Missing]].\n")
        try commit("Edit Other")
        let edit = try Self.expectSameAsFreshBuild(fixture, into: site)
        #expect(edit.keptPages > 0 && edit.keptPages < edit.pages)
        // A note embedded two levels down, a title, a new note resolving a link, a private note published.
        try fixture.write("Leaf.md", "# Leaf\n\nA changed leaf. [[Start]]\n")
        try commit("Edit Leaf")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        try fixture.write("Topic.md", "# A new title\n\n## Part\n\nIn part. #idea\n\n![[Leaf]]\n")
        try commit("Retitle Topic")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        try fixture.write("Missing.md", "# Missing\n\nFound.\n")
        try fixture.write("Secret.md", "# Secret\n\nNo longer.\n")
        try commit("Publish")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        // A note goes, the settings and the theme change.
        try fixture.remove("Topic.md")
        try commit("Remove Topic")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        try fixture.write("commons.yml", "title: Renamed\n")
        try commit("Rename the site")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        try fixture.write("site-template/note.mustache", "<article>{{{note.html}}}</article>\n")
        try commit("A theme of our own")
        let themed = try Self.expectSameAsFreshBuild(fixture, into: site)
        #expect(themed.keptPages < themed.pages)
        // A file of one site where the next has a folder, and the other way round.
        try fixture.write("stuff", "raw data\n")
        try fixture.write("Other.md", "# Other\n\nSee [the data](stuff).\n")
        try commit("Link a file")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "stuff").path))
        try fixture.remove("stuff")
        try fixture.write("Stuff.md", "# Stuff\n")
        try commit("A note where the file was")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
        try fixture.remove("Stuff.md")
        try fixture.write("stuff", "raw data again\n")
        try commit("The file again")
        _ = try Self.expectSameAsFreshBuild(fixture, into: site)
    }

    /// A kept page is the previous site's file only while that file is as the previous build left it.
    @Test func aPageChangedInTheSiteSinceIsLaidOutAgain() throws {
        let fixture = try FixtureRepository()
        try fixture.write("A.md", "# A\n\nThe note.\n")
        try fixture.write("B.md", "# B\n")
        _ = try fixture.commitAll("A and B")
        let site = try TemporaryFolder.make(prefix: "site").appending(path: "site")
        _ = try Self.build(fixture, into: site)
        let page = site.appending(path: "a/index.html")
        let original = try Data(contentsOf: page)
        try Data("tampered".utf8).write(to: page)
        let report = try Self.build(fixture, into: site)
        #expect(try Data(contentsOf: page) == original)
        #expect(report.keptPages == report.pages - 1)
    }
}
