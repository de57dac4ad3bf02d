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
        #expect(described(changes[first]) == ["added notes/a.md +5 -0"])
        #expect(described(changes[second]) == ["modified notes/a.md +2 -1"])
        #expect(described(changes[third]) == ["renamed notes/b.md from notes/a.md +0 -0"])
        #expect(described(changes[side]) == ["added notes/c.md +1 -0"])
        #expect(described(changes[fourth]) == ["deleted notes/b.md +0 -6"])

        // Each side's content is the blob git names for the path at that commit and at its parent.
        let edit = try #require(changes[second]?.first)
        #expect(edit.blob?.hex == (try fixture.git("rev-parse", "\(second):notes/a.md")).trimmingCharacters(in: .newlines))
        #expect(edit.previousBlob?.hex == (try fixture.git("rev-parse", "\(first):notes/a.md")).trimmingCharacters(in: .newlines))
        #expect(changes[first]?.first?.previousBlob == nil)
        #expect(changes[fourth]?.first?.blob == nil)
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
        #expect(described(latest.changes) == ["renamed new name.md from old name.md +1 -1"])
        let raw = try fixture.git("log", "-1", "-M", "--raw", "--format=")
        #expect(raw.contains(" R0") || raw.contains(" R1"), "git sees it as a rename too")
        #expect(raw.contains("old name.md\tnew name.md"))
    }

    private func described(_ changes: [FileChange]?) -> [String] {
        (changes ?? []).map { "\($0.kind) \($0.path)\($0.previousPath.map { " from " + $0 } ?? "") +\($0.addedLines) -\($0.removedLines)" }
    }
}
