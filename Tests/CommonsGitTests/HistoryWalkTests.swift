import CommonsGit
import Foundation
import Testing
import TestSupport

@Suite struct HistoryWalkTests {
    @Test func listsEachNonMergeCommitsChangesNewestFirst() throws {
        let fixture = try FixtureRepository()
        try fixture.write("notes/a.md", "one\ntwo\nthree\nfour\nfive\n")
        try fixture.write("outside.md", "not in the folder")
        let first = try fixture.commitAll("Add a")
        try fixture.write("notes/a.md", "one\ntwo\nTHREE\nfour\nfive\nsix\n")
        let second = try fixture.commitAll("Edit a")
        try fixture.git("mv", "notes/a.md", "notes/b.md")
        let third = try fixture.commitAll("Rename a to b")
        try fixture.git("checkout", "--quiet", "-b", "side")
        try fixture.write("notes/c.md", "c\n")
        let side = try fixture.commitAll("Add c on a branch")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.remove("notes/b.md")
        let fourth = try fixture.commitAll("Delete b")
        try fixture.merge("side", message: "Merge side")

        let repository = try Repository(discoveringFrom: fixture.path)
        let history = try repository.history(from: try repository.resolveCommit("HEAD"), under: "notes")
        let expectedOrder = try fixture.git("log", "--no-merges", "--format=%H").split(separator: "\n").map(String.init)
        #expect(history.map(\.commit.id.hex) == expectedOrder)
        #expect(Set(history.map(\.commit.id.hex)) == [first, second, third, side, fourth])

        let changes = Dictionary(uniqueKeysWithValues: history.map { ($0.commit.id.hex, $0.changes) })
        #expect(changes[first] == [FileChange(kind: .added, path: "notes/a.md", previousPath: nil, addedLines: 5, removedLines: 0)])
        #expect(changes[second] == [FileChange(kind: .modified, path: "notes/a.md", previousPath: nil, addedLines: 2, removedLines: 1)])
        #expect(changes[third] == [FileChange(kind: .renamed, path: "notes/b.md", previousPath: "notes/a.md", addedLines: 0, removedLines: 0)])
        #expect(changes[side] == [FileChange(kind: .added, path: "notes/c.md", previousPath: nil, addedLines: 1, removedLines: 0)])
        #expect(changes[fourth] == [FileChange(kind: .deleted, path: "notes/b.md", previousPath: nil, addedLines: 0, removedLines: 6)])
    }

    @Test func detectsARenameWithAnEditLikeGit() throws {
        let fixture = try FixtureRepository()
        let body = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        try fixture.write("old name.md", body)
        try fixture.commitAll("Add")
        try fixture.remove("old name.md")
        try fixture.write("new name.md", body.replacingOccurrences(of: "line 7\n", with: "line seven\n"))
        let hash = try fixture.commitAll("Rename and edit")

        let repository = try Repository(discoveringFrom: fixture.path)
        let latest = try #require(try repository.history(from: try repository.resolveCommit("HEAD"), under: "").first)
        #expect(latest.commit.id.hex == hash)
        #expect(latest.changes == [FileChange(kind: .renamed, path: "new name.md", previousPath: "old name.md", addedLines: 1, removedLines: 1)])
        let raw = try fixture.git("log", "-1", "-M", "--raw", "--format=")
        #expect(raw.contains(" R0") || raw.contains(" R1"), "git sees it as a rename too")
        #expect(raw.contains("old name.md\tnew name.md"))
    }
}
