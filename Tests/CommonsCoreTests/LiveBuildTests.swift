@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// `LiveBuild` reuses what the last build made of unchanged notes; the site it gives must be the
/// site a build from nothing gives, after any edit.
@Suite struct LiveBuildTests {
    static func plan(_ fixture: FixtureRepository) -> BuildPlan {
        var plan = BuildPlan()
        plan.path = fixture.path
        plan.worktree = true
        return plan
    }

    /// Every file of `site`, by path.
    static func files(_ site: LiveSite) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in try site.allPaths() { files[path] = try site.bytes(at: path) }
        return files
    }

    /// Builds with the live build and from nothing, and expects the same files.
    static func expectSameAsFreshBuild(_ live: LiveBuild, _ fixture: FixtureRepository, rendered: Int? = nil,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let site = try #require(try live.build(), sourceLocation: sourceLocation)
        let fresh = try #require(try LiveBuild(plan(fixture)).build(), sourceLocation: sourceLocation)
        let (incremental, expected) = (try files(site), try files(fresh))
        // By their bytes: a dictionary keyed by `String` takes a path's two Unicode spellings as one.
        let paths = { (site: LiveSite) in try site.allPaths().map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) } }
        #expect(try paths(site) == paths(fresh), sourceLocation: sourceLocation)
        for (path, bytes) in expected where incremental[path] != bytes {
            Issue.record("\(path) differs from a fresh build", sourceLocation: sourceLocation)
        }
        #expect(site.diagnostics == fresh.diagnostics, sourceLocation: sourceLocation)
        if let rendered { #expect(site.renderedNotes == rendered, sourceLocation: sourceLocation) }
    }

    @Test func everyEditGivesTheSiteOfABuildFromNothing() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let live = LiveBuild(Self.plan(fixture))
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 4)
        #expect(try live.build() == nil, "nothing changed, nothing built")

        // A note embedded two levels down: it, and both notes embedding it, are rendered again.
        try fixture.write("Leaf.md", "# Leaf\n\nA changed leaf. [[Start]]\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 3)
        // A note nothing embeds: only it.
        try fixture.write("Other.md", "# Other\n\nNow links [[Topic]].\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // What links can reach changes: a new note resolves a link, a private one is published.
        try fixture.write("Missing.md", "# Missing\n\nFound.\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 5)
        try fixture.write("Secret.md", "# Secret\n\nNo longer.\n")
        try Self.expectSameAsFreshBuild(live, fixture)
        // An alias moves, a note goes, a committed change moves HEAD.
        try fixture.write("Home.md", "# Home\n\n[[Topic]], and a part of it:\n\n![[Topic#Part]]\n")
        try Self.expectSameAsFreshBuild(live, fixture)
        try fixture.remove("Topic.md")
        try Self.expectSameAsFreshBuild(live, fixture)
        _ = try fixture.commitAll("More")
        try Self.expectSameAsFreshBuild(live, fixture)
        // The settings and the theme.
        try fixture.write("commons.yml", "title: Renamed\n")
        try Self.expectSameAsFreshBuild(live, fixture)
        try fixture.write("site-template/404.mustache", "<p>Lost</p>\n")
        try Self.expectSameAsFreshBuild(live, fixture)
    }

    /// What an edit leaves as it was (routes, what links reach, the link graph, the reader's order) is
    /// kept from the last build; each edit here changes one of them, and every page must show it.
    @Test func theStructureKeptBetweenBuildsFollowsEachEdit() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Garden.md", "Notes on [[Compost#Heat]] and [[compost]].\n\n#plants\n")
        try fixture.write("Compost.md", "---\ntags: []\n---\nIt gets warm.\n\n## Heat\n\nSixty degrees.\n")
        try fixture.write("notes/Note 10.md", "Ten. [[Garden]]\n")
        try fixture.write("notes/note 2.md", "Two.\n")
        _ = try fixture.commitAll("Start")
        let live = LiveBuild(Self.plan(fixture))
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 4)
        // Text alone: no link, name or title moves.
        try fixture.write("notes/note 2.md", "Two, and more.\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // The passage around a link, which its backlink quotes.
        try fixture.write("notes/Note 10.md", "Ten, now longer. [[Garden]]\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // The heading a link names goes: the link's anchor is missing now.
        try fixture.write("Compost.md", "---\ntags: []\n---\nIt gets warm.\n\n## Warmth\n\nSixty degrees.\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // It comes back, and a link moves from one note to another.
        try fixture.write("Compost.md", "---\ntags: []\n---\nIt gets warm.\n\n## Heat\n\nSixty degrees.\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        try fixture.write("notes/Note 10.md", "Ten, now longer. [[Compost#Heat]]\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // A title, which moves the note in the reader's order, and a tag.
        try fixture.write("notes/note 2.md", "# Zebra\n\nTwo, and more. #plants\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        // An alias a link names, which makes every note render again.
        try fixture.write("notes/note 2.md", "---\naliases: [compost]\n---\n# Zebra\n\nTwo.\n")
        try Self.expectSameAsFreshBuild(live, fixture)
        // A link goes.
        try fixture.write("notes/Note 10.md", "Ten, now longer.\n")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
    }

    /// Which notes differ from HEAD is kept between builds and asked of git again for the files read
    /// afresh; every page marks them as a build from nothing does. The files are old enough to be kept.
    @Test func theUncommittedMarksFollowEachEdit() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Garden.md", "Beds and paths.\n")
        try fixture.write("notes/Compost.md", "---\ntags: []\n---\nIt gets warm.\n")
        _ = try fixture.commitAll("Start")
        try fixture.age("Garden.md", "notes/Compost.md", ".git/index", ".git/config")
        let live = LiveBuild(Self.plan(fixture))
        let marked = { (page: String) in
            String(decoding: try #require(try live.build()?.bytes(at: page)), as: UTF8.self).contains("note-uncommitted")
        }
        try Self.expectSameAsFreshBuild(live, fixture)
        // An edit, undone, and a note not committed yet.
        try fixture.write("Garden.md", "Beds, paths and a pond.\n")
        try fixture.age("Garden.md")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        try fixture.write("Garden.md", "Beds and paths.\n")
        try fixture.age("Garden.md")
        try Self.expectSameAsFreshBuild(live, fixture, rendered: 1)
        try fixture.write("notes/Pond.md", "Still water.\n")
        try fixture.age("notes/Pond.md")
        try Self.expectSameAsFreshBuild(live, fixture)
        // The marks themselves, lest both builds leave them out alike.
        try fixture.write("Garden.md", "Beds, paths and a pond: [[Pond]].\n")
        try fixture.age("Garden.md")
        #expect(try marked("garden/index.html"))
        try fixture.write("Garden.md", "Beds and paths.\n")
        try fixture.age("Garden.md")
        #expect(try !marked("garden/index.html"))
    }

    /// The theme is kept while its files are the same, by the bytes of their paths: a file renamed to
    /// the other Unicode spelling of its name makes another theme.
    @Test func aThemeFileRenamedToTheOtherSpellingIsSeen() throws {
        let fixture = try FixtureRepository()
        try fixture.write("A.md", "A.\n")
        try fixture.write("site-template/assets/Caf\u{E9}.css", "p { color: teal }\n")
        _ = try fixture.commitAll("A")
        let live = LiveBuild(Self.plan(fixture))
        try Self.expectSameAsFreshBuild(live, fixture)
        try fixture.remove("site-template/assets/Caf\u{E9}.css")
        try fixture.write("site-template/assets/Cafe\u{301}.css", "p { color: teal }\n")
        try fixture.write("A.md", "A, edited.\n")
        try Self.expectSameAsFreshBuild(live, fixture)
    }

    /// A file the last build read is taken from what it read only while its status is the same: an
    /// edit that keeps its size is still seen.
    @Test func anEditThatKeepsTheSizeIsSeen() throws {
        let fixture = try FixtureRepository()
        try fixture.write("A.md", "# A\n\nfirst\n")
        _ = try fixture.commitAll("A")
        // Old enough for the build to keep what it read.
        try fixture.age("A.md")
        let live = LiveBuild(Self.plan(fixture))
        _ = try live.build()
        try fixture.write("A.md", "# A\n\nfixed\n")
        let site = try #require(try live.build())
        #expect(String(decoding: try #require(try site.bytes(at: "a/index.html")), as: UTF8.self).contains("fixed"))
    }

    @Test func aFailedBuildLeavesTheNextToStartAfresh() throws {
        let fixture = try FixtureRepository()
        try fixture.write("A.md", "# A\n")
        _ = try fixture.commitAll("A")
        let live = LiveBuild(Self.plan(fixture))
        _ = try live.build()
        try fixture.write("site-template/note.mustache", "{{#broken}}\n")
        #expect(throws: BuildError.self) { try live.build() }
        try fixture.remove("site-template/note.mustache")
        try Self.expectSameAsFreshBuild(live, fixture)
    }
}
