import CommonsGit
import Foundation
import Testing
import TestSupport

@Suite struct RepositoryTests {
    @Test func readsTheFilesOfACommitSortedByPath() throws {
        let fixture = try FixtureRepository()
        try fixture.write("notes/b.md", "B")
        try fixture.write("notes/a.md", "A")
        try fixture.write("top.md", "top")
        let hash = try fixture.commitAll("Add notes")

        let repository = try Repository(discoveringFrom: fixture.path)
        let head = try repository.resolveCommit("HEAD")
        #expect(head.hex == hash)
        #expect(try repository.files(of: head, under: "").map(\.path) == ["notes/a.md", "notes/b.md", "top.md"])
        #expect(try repository.files(of: head, under: "notes").map(\.path) == ["a.md", "b.md"])
        #expect(try repository.files(of: head, under: "missing").isEmpty)
        #expect(try repository.fileContents(at: "notes/b.md", in: head) == Array("B".utf8))
        #expect(try repository.fileContents(at: "notes/none.md", in: head) == nil)
    }

    /// The site's default title comes from here. Asked with several remotes configured, so that a read
    /// which matched the other remotes' entries (and leaked on each miss, as libgit2 1.5's lookup does)
    /// would show under the sanitizer.
    @Test func readsARemotesURLFromTheConfiguration() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A")
        try fixture.commitAll("First")
        let repository = try Repository(discoveringFrom: fixture.path)
        #expect(repository.remoteURL("origin") == nil)

        try fixture.git("remote", "add", "upstream", "https://example.org/them/garden.git")
        try fixture.git("remote", "add", "origin", "git@example.org:me/garden")
        let configured = try Repository(discoveringFrom: fixture.path)
        #expect(configured.remoteURL("origin") == "git@example.org:me/garden")
        #expect(configured.remoteURL("upstream") == "https://example.org/them/garden.git")
        #expect(configured.remoteURL("fork") == nil)
    }

    @Test func readsAnEarlierCommitAndItsMetadata() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "first")
        let first = try fixture.commitAll("First version\n\nWith a body.", author: "Grace Hopper <grace@example.org>")
        try fixture.write("a.md", "second")
        try fixture.commitAll("Second version")

        let repository = try Repository(discoveringFrom: fixture.path)
        let id = try repository.resolveCommit("HEAD~1")
        #expect(id.hex == first)
        let commit = try repository.commit(id)
        #expect(commit.subject == "First version")
        #expect(commit.author.name == "Grace Hopper")
        #expect(commit.author.email == "grace@example.org")
        #expect(commit.parents.isEmpty)
        #expect(try repository.fileContents(at: "a.md", in: id) == Array("first".utf8))
    }

    @Test func findsTheRepositoryFromAFolderInsideIt() throws {
        let fixture = try FixtureRepository()
        try fixture.write("deep/folder/a.md", "A")
        try fixture.commitAll("Add")
        let repository = try Repository(discoveringFrom: fixture.url.appending(path: "deep/folder").path)
        #expect(repository.workingDirectory == fixture.path + "/")
    }

    @Test func unknownRevisionIsNotFoundWithLibgit2sMessage() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A")
        try fixture.commitAll("Add")
        let repository = try Repository(discoveringFrom: fixture.path)
        let error = #expect(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
        #expect(error?.isNotFound == true)
        #expect(error?.description.contains("no-such-branch") == true)
    }

    @Test func aFolderOutsideAnyRepositoryIsNotFound() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-not-a-repo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: GitError.self) { try Repository(discoveringFrom: folder.path) }
        #expect(error?.isNotFound == true)
    }

    @Test func listsSymbolicLinksAndSubmodulesAsSuch() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A")
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "link.md").path, withDestinationPath: "a.md")
        try fixture.commitAll("Add")
        let head = try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/lib")
        try fixture.commitStaged("Add a submodule entry")

        let repository = try Repository(discoveringFrom: fixture.path)
        let files = try repository.files(of: try repository.resolveCommit("HEAD"), under: "")
        #expect(files.map(\.kind) == [.file, .symlink, .submodule])
    }

    @Test func honoursGitIgnoreRules() throws {
        let fixture = try FixtureRepository()
        try fixture.write(".gitignore", "drafts/\n*.tmp\n")
        try fixture.commitAll("Ignore rules")
        let repository = try Repository(discoveringFrom: fixture.path)
        #expect(try repository.isIgnored("drafts/a.md"))
        #expect(try repository.isIgnored("x.tmp"))
        #expect(try !repository.isIgnored("notes/a.md"))
    }
}

@Suite struct PathspecTests {
    @Test(arguments: [
        ("private", "private/a.md", true),
        ("private", "private", true),
        ("private", "privately.md", false),
        ("drafts/*.md", "drafts/a.md", true),
        ("drafts/*.md", "notes/a.md", false),
        ("*.tmp", "deep/x.tmp", true),
        ("journal/", "journal/a.md", true),
    ])
    func matchesLikeGit(pattern: String, path: String, expected: Bool) throws {
        #expect(try Pathspec([pattern]).matches(path) == expected)
    }

    @Test func anEmptyListMatchesNothing() throws {
        #expect(try !Pathspec([]).matches("a.md"))
    }
}
