import CommonsGit
@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// Each note's history must be what `git log --no-merges -M --follow -- <path>` says, less the deletions
/// of an earlier file at the same path, which are no revision of the note (`--diff-filter=AMR`).
@Suite struct HistoryTests {
    static func history(of fixture: FixtureRepository, folder: String = "") throws -> History {
        let repository = try Repository(discoveringFrom: fixture.path)
        let head = try repository.resolveCommit("HEAD")
        var notes: [Note] = []
        for entry in try repository.files(of: head, under: folder) where entry.path.hasSuffix(".md") {
            notes.append(ParseNotes.parse("x", id: NoteID(path: entry.path), sourcePath: entry.path).0)
        }
        let published = try PublishFilter(settings: Settings()).apply(notes, attachments: [])
        return BuildHistory.run(try repository.history(from: head, under: folder), published: published, contentFolder: folder)
    }

    static func gitLog(_ fixture: FixtureRepository, _ path: String) throws -> [String] {
        try fixture.git("log", "--no-merges", "-M", "--follow", "--diff-filter=AMR", "--format=%H", "--", path).split(separator: "\n").map(String.init)
    }

    @Test func followsAddsEditsRenamesDeletesAndMergesLikeGitLog() throws {
        let fixture = try FixtureRepository()
        let body = (1...30).map { "Line \($0) of a note that is long enough to be recognised after a rename." }.joined(separator: "\n")
        try fixture.write("a.md", body)
        try fixture.write("b.md", "# B\n")
        try fixture.commitAll("Add a and b", author: "Ada <ada@example.org>")
        try fixture.write("a.md", body + "\nMore.")
        try fixture.commitAll("Edit a", author: "Grace <grace@example.org>")
        try FileManager.default.createDirectory(at: fixture.url.appending(path: "folder"), withIntermediateDirectories: true)
        try fixture.git("mv", "a.md", "folder/renamed.md")
        try fixture.commitAll("Rename a")
        try fixture.remove("folder/renamed.md")
        try fixture.write("final.md", body.replacingOccurrences(of: "Line 3 ", with: "Line three ") + "\nMore.")
        try fixture.commitAll("Rename and edit")
        try fixture.git("checkout", "--quiet", "-b", "side")
        try fixture.write("b.md", "# B\n\nFrom a branch.\n")
        try fixture.commitAll("Edit b on a branch", author: "Linus <linus@example.org>")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("c.md", "# C\n")
        try fixture.commitAll("Add c")
        try fixture.merge("side", message: "Merge side")
        try fixture.remove("c.md")
        try fixture.commitAll("Delete c")
        try fixture.write("c.md", "# C again\n")
        try fixture.commitAll("Re-add c")

        let history = try Self.history(of: fixture)
        for path in ["final.md", "b.md", "c.md"] {
            let ours = history.notes[NoteID(path: path)]?.revisions.map(\.commit.hex) ?? []
            #expect(ours == (try Self.gitLog(fixture, path)), "history of \(path)")
        }
        let final = try #require(history.notes[NoteID(path: "final.md")])
        #expect(final.revisions.map(\.kind) == [.renamed, .renamed, .modified, .added])
        #expect(final.revisions.map(\.path) == ["final.md", "folder/renamed.md", "a.md", "a.md"])
        #expect(final.revisions.first?.previousPath == "folder/renamed.md")
        #expect(final.created?.subject == "Add a and b")
        #expect(final.authors.map(\.name) == ["Ada Lovelace", "Ada", "Grace"].filter { name in final.revisions.contains { $0.author.name == name } })
        #expect(history.notes[NoteID(path: "c.md")]?.revisions.map(\.subject) == ["Re-add c", "Add c"])
    }

    @Test func aMailmapGivesPeopleOneName() throws {
        let fixture = try FixtureRepository()
        try fixture.write(".mailmap", "Ada Lovelace <ada@example.org> <ada@old.example.org>\n")
        try fixture.write("a.md", "one")
        try fixture.commitAll("One", author: "ada <ada@old.example.org>")
        try fixture.write("a.md", "two")
        try fixture.commitAll("Two", author: "Ada Lovelace <ada@example.org>")
        let authors = try #require(try Self.history(of: fixture).notes[NoteID(path: "a.md")]).authors
        #expect(authors.map(\.name) == ["Ada Lovelace"])
        #expect(authors.map(\.revisions) == [2])
    }

    @Test func aShallowCloneSaysItsHistoryIsTruncated() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "one")
        try fixture.commitAll("One")
        try fixture.write("a.md", "two")
        try fixture.commitAll("Two")
        let clone = try FixtureRepository()
        try FileManager.default.removeItem(at: clone.url)
        _ = try Run.command(["git", "clone", "--quiet", "--depth", "1", "file://\(fixture.path)", clone.path])
        let repository = try Repository(discoveringFrom: clone.path)
        #expect(repository.isShallow)
        let note = try #require(try Self.history(of: clone).notes[NoteID(path: "a.md")])
        #expect(note.revisions.count == 1)
        #expect(note.isTruncated)
        #expect(note.created == nil)
    }

    @Test func onlyPublishedNotesGetAHistory() throws {
        let fixture = try FixtureRepository()
        try fixture.write("public.md", "# Public")
        try fixture.write("private/secret.md", "# Secret")
        try fixture.commitAll("One commit touching both")
        let history = try Self.history(of: fixture)
        #expect(Array(history.notes.keys) == [NoteID(path: "public.md")])
    }
}
