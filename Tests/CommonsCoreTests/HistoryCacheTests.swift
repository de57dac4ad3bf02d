import CommonsGit
@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// The history cache spares a build the diffs of commits an earlier build diffed, and never changes
/// what a build says.
@Suite struct HistoryCacheTests {
    @Test func keepsEveryChangeAsItWas() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "one\n")
        try fixture.write("odd\tname %09.md", "two\n")
        try fixture.commitAll("Add")
        try fixture.git("mv", "a.md", "b.md")
        try fixture.write("odd\tname %09.md", "two\nthree\n")
        try fixture.commitAll("Rename and edit")
        let repository = try Repository(discoveringFrom: fixture.path)
        let walk = try repository.history(from: try repository.resolveCommit("HEAD"), under: "")
        let cache = HistoryCache(store: .forBuild(gitFolder: repository.gitFolder, chosen: nil), contentFolder: "")
        cache.save(walk, keeping: [:])
        let loaded = cache.load()
        #expect(loaded.count == 2)
        for entry in walk {
            #expect(loaded[entry.commit.id] == entry.changes)
        }
        #expect(HistoryCache(store: .forBuild(gitFolder: repository.gitFolder, chosen: nil), contentFolder: "notes").load().isEmpty, "another folder's diffs are not this one's")
    }

    @Test func aKnownCommitIsNotDiffedAgain() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "one\n")
        let first = try #require(ObjectID(hex: try fixture.commitAll("Add")))
        try fixture.write("a.md", "one\ntwo\n")
        try fixture.commitAll("Edit")
        let repository = try Repository(discoveringFrom: fixture.path)
        // What the walk says of the first commit can only come from what it was told.
        let told = FileChange(kind: .added, path: "told.md", previousPath: nil, addedLines: 9, removedLines: 0, blob: first, previousBlob: nil)
        let walk = try repository.history(from: try repository.resolveCommit("HEAD"), under: "", known: [first: [told]])
        #expect(walk.map { $0.changes.map(\.path) } == [["a.md"], ["told.md"]])
    }

    @Test func aBrokenCacheIsIgnored() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "one\n")
        try fixture.commitAll("Add")
        let repository = try Repository(discoveringFrom: fixture.path)
        let cache = HistoryCache(store: .forBuild(gitFolder: repository.gitFolder, chosen: nil), contentFolder: "")
        try FileManager.default.createDirectory(at: cache.file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        for broken in ["", "commons history cache 0\t\n", HistoryCache.format + "\t\nnot a commit\t1\n", HistoryCache.format + "\t\n\(String(repeating: "a", count: 40))\t2\nadded\tx\n"] {
            try Data(broken.utf8).write(to: cache.file.url)
            #expect(cache.load().isEmpty)
        }
    }
}
