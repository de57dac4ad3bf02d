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

    /// The walk reads most commits by comparing trees itself and asks libgit2 only where a rename is
    /// possible; both ways must agree with git on every kind of change a tree can see.
    @Test func agreesWithGitOnEveryKindOfTreeChange() throws {
        let fixture = try FixtureRepository()
        let lines = { (word: String) in (1...12).map { "\(word) line \($0)" }.joined(separator: "\n") + "\n" }
        try fixture.write("a/b/deep.md", lines("deep"))
        try fixture.write("a/side.md", lines("side"))
        try fixture.write("top.md", lines("top"))
        try fixture.write("thing", lines("thing"))
        try fixture.write("script.sh", "echo hello\n")
        try fixture.write("picture.bin", bytes: [0, 1, 2, 0, 255, 10, 0])
        try fixture.commitAll("Add files in nested folders")
        try fixture.write("a/b/deep.md", lines("deep").replacingOccurrences(of: "deep line 3\n", with: "deep line three\nextra\n"))
        try fixture.write("top.md", lines("top") + "appended\n")
        try fixture.commitAll("Edit files in two folders")
        try fixture.git("update-index", "--chmod=+x", "script.sh")
        try fixture.commitStaged("Make the script executable")
        try fixture.remove("thing")
        try fixture.write("thing/inside.md", "a different text\n")
        try fixture.commitAll("Turn a file into a folder")
        try fixture.write("picture.bin", bytes: [0, 9, 9, 0, 255])
        try fixture.git("rm", "--quiet", "-r", "a/b")
        try fixture.commitAll("Delete a folder and change a binary file")
        try fixture.write("new/deep/one.md", lines("one"))
        try fixture.write("new/two.md", lines("two"))
        try fixture.commitAll("Add a folder")
        try fixture.git("mv", "a/side.md", "new/side.md")
        try fixture.write("new/three.md", lines("three"))
        try fixture.write("top.md", lines("top"))
        try fixture.commitAll("Move a file while adding and editing others")

        let repository = try Repository(discoveringFrom: fixture.path)
        let history = try repository.history(from: try repository.resolveCommit("HEAD"), under: "")
        for entry in history {
            let expected = try gitChanges(fixture, entry.commit.id.hex)
            #expect(described(entry.changes).sorted() == expected, "commit \(entry.commit.message)")
        }
    }

    /// git's own account of a commit's changes, in the form `described` gives; binary files count no lines.
    private func gitChanges(_ fixture: FixtureRepository, _ commit: String) throws -> [String] {
        let fields = { (output: String) in output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init) }
        var status = fields(try fixture.git("diff-tree", "--root", "--no-commit-id", "-r", "-M", "--name-status", "-z", commit))
        var numbers = fields(try fixture.git("diff-tree", "--root", "--no-commit-id", "-r", "-M", "--numstat", "-z", commit))
        var described: [String] = []
        while status.count > 1 {
            let code = status.removeFirst()
            let counts = numbers.removeFirst().split(separator: "\t", omittingEmptySubsequences: false)
            let (added, removed) = (Int(counts[0]) ?? 0, Int(counts[1]) ?? 0)
            let kinds: [Character: String] = ["A": "added", "D": "deleted", "M": "modified", "T": "modified", "R": "renamed"]
            if code.first == "R" {
                let old = status.removeFirst(), new = status.removeFirst()
                numbers.removeFirst(2)
                described.append("renamed \(new) from \(old) +\(added) -\(removed)")
            } else {
                let path = status.removeFirst()
                described.append("\(kinds[code.first!]!) \(path) +\(added) -\(removed)")
            }
        }
        return described.sorted()
    }

    private func described(_ changes: [FileChange]?) -> [String] {
        (changes ?? []).map { "\($0.kind) \($0.path)\($0.previousPath.map { " from " + $0 } ?? "") +\($0.addedLines) -\($0.removedLines)" }
    }
}
