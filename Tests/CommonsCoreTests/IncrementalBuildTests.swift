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
        #expect(fresh.keptPages == 0 && fresh.renderedNotes == fresh.notes, sourceLocation: sourceLocation)
        let (incremental, expected) = (try SiteFiles.all(in: site), try SiteFiles.all(in: copy.appending(path: "site")))
        #expect(incremental.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in expected where incremental[path] != bytes {
            Issue.record("\(path) differs from a fresh build", sourceLocation: sourceLocation)
        }
        return report
    }

    @Test func everyChangeGivesTheSiteOfABuildFromNothing() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let site = try TemporaryFolder.make(prefix: "site").appending(path: "site")
        let first = try Self.expectSameAsFreshBuild(fixture, into: site)
        #expect(first.keptPages == 0)
        let again = try Self.build(fixture, into: site)
        #expect(again.keptPages == again.pages, "the same commit again: every page kept")
        #expect(again.renderedNotes == 0, "the same commit again: no note rendered")

        // Each commit writes (or, for nil, removes) files; every build over the last must equal a fresh one.
        let commits: [(message: String, files: [(String, String?)])] = [
            ("Edit Other", [("Other.md", "# Other\n\nStill unrelated, links [[Missing]].\n")]),
            ("Edit a note embedded two levels down", [("Leaf.md", "# Leaf\n\nA changed leaf. [[Start]]\n")]),
            ("Retitle Topic", [("Topic.md", "# A new title\n\n## Part\n\nIn part. #idea\n\n![[Leaf]]\n")]),
            // The past version of Topic embeds Leaf: its page is kept only while Leaf is unchanged.
            ("Edit Leaf again", [("Leaf.md", "# Leaf\n\nA leaf changed twice. [[Start]]\n")]),
            ("Resolve a link, publish a note", [("Missing.md", "# Missing\n\nFound.\n"), ("Secret.md", "# Secret\n\nNo longer.\n")]),
            // Past versions of Topic and Home embed Leaf: what they may show changes with no version of them.
            ("Make Leaf private", [("Leaf.md", "---\nprivate: true\n---\n# Leaf\n\nA changed leaf. [[Start]]\n")]),
            ("Remove Topic", [("Topic.md", nil)]),
            ("Rename the site", [("commons.yml", "title: Renamed\n")]),
            ("A theme of our own", [("site-template/note.mustache", "<article>{{{note.html}}}</article>\n")]),
            // A file of one site where the next has a folder, and the other way round.
            ("Link a file", [("stuff", "raw data\n"), ("Other.md", "# Other\n\nSee [the data](stuff).\n")]),
            ("A note where the file was", [("stuff", nil), ("Stuff.md", "# Stuff\n")]),
            ("The file again", [("Stuff.md", nil), ("stuff", "raw data again\n")]),
        ]
        for (message, files) in commits {
            for (path, text) in files {
                if let text { try fixture.write(path, text) } else { try fixture.remove(path) }
            }
            _ = try fixture.commitAll(message)
            let report = try Self.expectSameAsFreshBuild(fixture, into: site)
            if message == "Edit Other" {
                #expect(report.keptPages > 0 && report.keptPages < report.pages, "only what shows Other changes")
                #expect(report.renderedNotes == 1, "only Other is rendered again")
            }
            // Leaf, Topic which embeds it, and Home which embeds a part of Topic.
            if message == "Edit a note embedded two levels down" { #expect(report.renderedNotes == 3) }
            // A new note can take links that named nothing: every note is rendered again.
            if message == "Resolve a link, publish a note" { #expect(report.renderedNotes == report.notes) }
            if message == "A theme of our own" { #expect(report.keptPages < report.pages) }
        }
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
