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
}
