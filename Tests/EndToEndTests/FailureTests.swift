import Foundation
import Testing
import TestSupport

/// A build that fails says why in one line, exits 1, and leaves the previous site as it was.
@Suite struct FailureTests {
    @Test func notAGitRepository() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-plain")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommonsBinary.run(["build"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("error: "))
        #expect(result.standardError.contains("is not in a git repository"))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test func unknownRevision() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A")
        try fixture.commitAll("Add")
        let result = try CommonsBinary.run(["build", "--rev", "v9.9"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError == "error: unknown revision 'v9.9': no branch, tag or commit has that name\n")
    }

    @Test func aRepositoryWithoutCommits() throws {
        let fixture = try FixtureRepository()
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError == "error: the repository has no commits yet: commit your notes first, or build the working tree with --worktree\n")
    }

    @Test func aBrokenTemplateLeavesThePreviousSite() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        try fixture.commitAll("Add")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let before = try SiteFiles.all(in: fixture.url.appending(path: "_site"))

        try fixture.write("b.md", "# B\n")
        try fixture.write("site-template/note.mustache", "{{#note}}never closed")
        try fixture.commitAll("Break the template")
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("site-template/note.mustache:1:"))
        #expect(try SiteFiles.all(in: fixture.url.appending(path: "_site")) == before)
    }

    @Test func anOutputFolderThatIsNotASiteIsNeverReplaced() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        try fixture.commitAll("Add")
        try fixture.write("precious/thesis.txt", "do not delete")
        let result = try CommonsBinary.run(["build", "-o", "precious"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("was not written by commons"))
        #expect(try SiteFiles.text("precious/thesis.txt", in: fixture.url) == "do not delete")
        #expect(try CommonsBinary.run(["build", "-o", "."], in: fixture.url).status == 1)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "a.md").path))
    }

    @Test func anUnwritableOutputFolder() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        try fixture.commitAll("Add")
        try fixture.write("blocker", "a file where a folder should be")
        let result = try CommonsBinary.run(["build", "-o", "blocker/site"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("error: cannot create the folder"))
    }

    @Test func aRepositoryWithoutNotesBuildsAnEmptySite() throws {
        let fixture = try FixtureRepository()
        try fixture.write("README.txt", "no notes here")
        try fixture.commitAll("Not a note")
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Built 0 notes"))
        #expect(try SiteFiles.text("index.html", in: fixture.url.appending(path: "_site")).contains("no published notes yet"))
    }

    @Test func leftoversOfAKilledBuildAreCleanedUp() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "# A\n")
        try fixture.commitAll("Add")
        // No process has this id (it is above the kernel's pid limit), as if its build was killed.
        try fixture.write(".out.staging-999999999/half.html", "half written")
        #expect(try CommonsBinary.run(["build", "-o", "out"], in: fixture.url).status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: ".out.staging-999999999").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "out/a/index.html").path))
    }

    @Test func wrongUsageExitsWith64() throws {
        let fixture = try FixtureRepository()
        let result = try CommonsBinary.run(["build", "--worktree", "--rev", "HEAD"], in: fixture.url)
        #expect(result.status == 64)
        #expect(result.standardError.contains("cannot be combined with --rev"))
    }

    @Test func badSettingsNameTheFileAndLine() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: [unclosed\n")
        try fixture.write("a.md", "A")
        try fixture.commitAll("Add")
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("commons.yml:"))
        #expect(result.standardError.contains("error: invalid YAML"))
    }
}
