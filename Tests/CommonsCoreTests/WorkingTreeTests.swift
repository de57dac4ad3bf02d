@testable import CommonsCore
import CommonsGit
import Foundation
import Testing
import TestSupport

/// A walk of the working tree keeps what git's ignore rules answered in the last one while the files
/// the rules come from are unchanged, and asks again as soon as one of them changes.
@Suite struct WorkingTreeTests {
    /// The paths a walk finds, with a new repository handle each time, as each build of `serve` opens one.
    static func walk(_ fixture: FixtureRepository, _ reads: WorkingTreeReads, under folder: String = "") throws -> [String] {
        let tree = try WorkingTree(repository: try Repository(discoveringFrom: fixture.path), reads: reads)
        defer { reads.endBuild() }
        return try tree.files(under: folder).map(\.path)
    }

    @Test func answersAreKeptUntilARuleFileChanges() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Keep.md", "Kept.\n")
        try fixture.write("drafts/Draft.md", "A draft.\n")
        try fixture.write("drafts/Scratch.tmp", "Scratch.\n")
        try fixture.write(".gitignore", "*.tmp\n")
        _ = try fixture.commitAll("Start")
        try fixture.age(".gitignore", ".git/info/exclude", ".git/config")
        let reads = WorkingTreeReads()

        let first = try Self.walk(fixture, reads)
        #expect(first == [".gitignore", "Keep.md", "drafts/Draft.md"])
        let asked = reads.asked
        #expect(try Self.walk(fixture, reads) == first)
        #expect(reads.asked == asked, "nothing changed, nothing asked")

        // The top's .gitignore.
        try fixture.write(".gitignore", "*.tmp\ndrafts/\n")
        try fixture.age(".gitignore")
        #expect(try Self.walk(fixture, reads) == [".gitignore", "Keep.md"])
        // The repository's info/exclude.
        try fixture.write(".git/info/exclude", "Keep.md\n")
        try fixture.age(".git/info/exclude")
        #expect(try Self.walk(fixture, reads) == [".gitignore"])
        // A folder's own .gitignore, new, and a walk that starts below the top.
        try fixture.write(".git/info/exclude", "\n")
        try fixture.write(".gitignore", "*.tmp\n")
        try fixture.age(".gitignore", ".git/info/exclude")
        #expect(try Self.walk(fixture, reads) == [".gitignore", "Keep.md", "drafts/Draft.md"])
        try fixture.write("drafts/.gitignore", "Draft.md\n")
        try fixture.age("drafts/.gitignore")
        #expect(try Self.walk(fixture, reads) == [".gitignore", "Keep.md", "drafts/.gitignore"])
        #expect(try Self.walk(fixture, reads, under: "drafts") == [".gitignore"])
    }

    /// git reads a rule file through a symbolic link (a `~/.gitconfig` is often one, into a folder of
    /// dotfiles): an edit of the file it leads to changes the rules, though the link stays as it was.
    @Test func aRuleFileReachedThroughALinkIsFollowed() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Keep.md", "Kept.\n")
        _ = try fixture.commitAll("Start")
        try fixture.write(".git/linked-exclude", "\n")
        try fixture.remove(".git/info/exclude")
        let link = fixture.path + "/.git/info/exclude"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../linked-exclude")
        // The link itself a minute old too, which `age` cannot do: it follows links.
        let old = timeval(tv_sec: time(nil) - 60, tv_usec: 0)
        #expect(lutimes(link, [old, old]) == 0)
        try fixture.age(".git/linked-exclude", ".git/config")
        let reads = WorkingTreeReads()

        #expect(try WorkingTreeTests.walk(fixture, reads) == ["Keep.md"])
        #expect(try WorkingTreeTests.walk(fixture, reads) == ["Keep.md"])
        try fixture.write(".git/linked-exclude", "Keep.md\n")
        try fixture.age(".git/linked-exclude")
        #expect(try WorkingTreeTests.walk(fixture, reads) == [])
    }
}

/// `serve` keeps which files differ from HEAD, and asks git again only of the files read afresh while
/// HEAD, the index, the configuration and the attributes are as they were.
@Suite struct KeptUncommittedPathsTests {
    @Test func asksOnlyOfTheFilesReadAfreshUntilTheIndexChanges() throws {
        let fixture = try FixtureRepository()
        try fixture.write("A.md", "A.\n")
        try fixture.write("notes/B.md", "B.\n")
        _ = try fixture.commitAll("Start")
        try fixture.age("A.md", "notes/B.md", ".git/index", ".git/config")
        let repository = try Repository(discoveringFrom: fixture.path)
        let root = fixture.path.hasSuffix("/") ? fixture.path : fixture.path + "/"
        let head = try repository.resolveCommit("HEAD")
        let kept = KeptUncommittedPaths()
        let paths = { (readAfresh: [String]) in
            Set(try kept.paths(of: repository, head: head, readAfresh: Set(readAfresh.map { root + $0 }), attributeFiles: [".gitattributes"]))
        }

        #expect(try paths([]) == [])
        #expect(kept.askedOfWholeTree == 1)
        // An edit, a new note, and an edit undone: each asked of alone.
        try fixture.write("A.md", "A, edited.\n")
        try fixture.write("notes/C.md", "C.\n")
        #expect(try paths(["A.md", "notes/C.md"]) == ["A.md", "notes/C.md"])
        try fixture.write("A.md", "A.\n")
        #expect(try paths(["A.md"]) == ["notes/C.md"])
        #expect(kept.askedOfWholeTree == 1)
        // A file not read afresh is as the last build found it.
        #expect(try paths([]) == ["notes/C.md"])
        #expect(kept.askedOfWholeTree == 1)

        // Staged, the new note changes the index: the whole tree is asked of, and again while the
        // index is too new to be told from a later change.
        _ = try fixture.git("add", "notes/C.md")
        #expect(try paths([]) == ["notes/C.md"])
        #expect(kept.askedOfWholeTree == 2)
        #expect(try paths([]) == ["notes/C.md"])
        #expect(kept.askedOfWholeTree == 3)
        try fixture.age(".git/index")
        _ = try paths([])
        #expect(try paths([]) == ["notes/C.md"])
        #expect(kept.askedOfWholeTree == 4)
        // New attributes, and a new HEAD.
        try fixture.write(".gitattributes", "*.md text\n")
        try fixture.age(".gitattributes")
        _ = try paths([])
        #expect(kept.askedOfWholeTree == 5)
        let next = try repository.resolveCommit(try fixture.commitAll("C"))
        try fixture.age(".git/index")
        #expect(try kept.paths(of: repository, head: next, readAfresh: [], attributeFiles: [".gitattributes"]) == [])
        #expect(kept.askedOfWholeTree == 6)
    }

    /// Two files whose names differ only in Unicode normalisation are two files to git: one committed
    /// and edited back, the other new, the new one is still uncommitted.
    @Test func tellsTheTwoSpellingsOfANameApart() throws {
        let (composed, decomposed) = ("Caf\u{E9}.md", "Cafe\u{301}.md")
        let fixture = try FixtureRepository()
        try fixture.write(decomposed, "Committed.\n")
        _ = try fixture.commitAll("Start")
        try fixture.write(decomposed, "Edited.\n")
        try fixture.write(composed, "New.\n")
        try fixture.age(decomposed, composed, ".git/index", ".git/config")
        let repository = try Repository(discoveringFrom: fixture.path)
        let root = fixture.path.hasSuffix("/") ? fixture.path : fixture.path + "/"
        let head = try repository.resolveCommit("HEAD")
        let kept = KeptUncommittedPaths()
        let bytes = { (paths: [String]) in paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) } }

        #expect(bytes(try kept.paths(of: repository, head: head, readAfresh: [], attributeFiles: [])) == bytes([composed, decomposed]))
        try fixture.write(decomposed, "Committed.\n")
        let paths = try kept.paths(of: repository, head: head, readAfresh: [root + decomposed], attributeFiles: [])
        #expect(kept.askedOfWholeTree == 1)
        #expect(bytes(paths) == bytes([composed]))
        #expect(bytes(paths) == bytes(try repository.uncommittedPaths()))
    }
}
