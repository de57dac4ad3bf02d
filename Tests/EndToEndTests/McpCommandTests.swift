import Foundation
import Testing
import TestSupport

/// `commons mcp`, driven by the official MCP Python client (Tests/mcp/check_mcp.py), which calls every
/// tool and reads every resource, and checks the answers against bundles that `commons build` wrote.
@Suite struct McpCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = root.appending(path: "Tests/mcp/check_mcp.py").path

    /// Builds the bundle of `revision` into `folder`/`name` and gives its file.
    private static func bundle(of repository: String, at revision: String, in folder: URL, name: String) throws -> String {
        let site = folder.appending(path: name)
        let build = try CommonsBinary.run(["build", repository, "--rev", revision, "-o", site.path], in: folder)
        #expect(build.status == 0, "\(build.standardError)")
        return site.appending(path: "commons.json").path
    }

    private static func check(repository: String, in folder: URL, since: String, extra: [String]) throws {
        let now = try bundle(of: repository, at: "HEAD", in: folder, name: "now")
        let then = try bundle(of: repository, at: since, in: folder, name: "then")
        let check = try Run.command(["python3", checker, "--commons", CommonsBinary.url.path, "--repository", repository,
                                     "--bundle", now, "--since", since, "--since-bundle", then] + extra)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    /// Renames, deletions, edits and private notes over many commits; the bundle's own servers (from
    /// its file and over HTTP) must answer as the repository's does.
    @Test func theOfficialClientFindsEachAnswerAsTheBundlesHaveIt() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-mcp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = folder.appending(path: "repository").path
        let generate = try GeneratedCommons.make(at: repository)
        #expect(generate.status == 0, "\(generate.standardError)")
        try Self.check(repository: repository, in: folder, since: "HEAD~25", extra: ["--serve-bundle", "--exact-removals"])
    }

    /// Private notes carry markers in every place they can; no answer of any tool or resource may hold
    /// one. Besides the notes that were always private: a note published once and made private since,
    /// a folder excluded since, an unmerged branch and a commit dropped from the branch, each with a
    /// marker of its own, and revisions written to reach them (`HEAD:path`, `:/message`, the reflog).
    @Test func noAnswerHoldsAMarkerOfAPrivateNote() throws {
        let (fixture, alwaysPrivate) = try PrivacyTests.generate(seed: 5, publicCount: 8)
        let later = ["zqwaspublic5x", "zqdiary5x", "zqbranch5x", "zqdropped5x"]
        let markers = alwaysPrivate + later
        try fixture.write("notes/\(later[0])-note.md", "# \(later[0]) title\n\n\(later[0]) text links to [[public 1]].\n")
        try fixture.write("diary/\(later[1])-entry.md", "# \(later[1]) title\n\n\(later[1]) text.\n")
        try fixture.write("notes/public 2.md", "# Public note 2\n\nLinks to [[\(later[0])-note|one note]] and [[\(later[1])-entry|another]].\n")
        let published = try fixture.commitAll("Publish two notes that will not stay published")
        try fixture.write("notes/\(later[0])-note.md", "---\nprivate: true\n---\n# \(later[0]) title\n\n\(later[0]) text.\n")
        try fixture.write("commons.yml", "title: Marker test\nexclude: [journal, diary]\n")
        try fixture.write("notes/public 3.md", "# Public note 3\n\nEdited after the others went private.\n")
        try fixture.commitAll("Make them private again")
        try fixture.git("checkout", "--quiet", "-b", "drafts")
        try fixture.write("notes/public 4.md", "# Public note 4\n\n\(later[2]) draft.\n")
        try fixture.commitAll("A draft on a branch")
        try fixture.git("checkout", "--quiet", "main")
        try fixture.write("notes/public 5.md", "# Public note 5\n\n\(later[3]) pasted by mistake.\n")
        let dropped = try fixture.commitAll("A commit taken back")
        try fixture.git("reset", "--quiet", "--hard", "HEAD~1")

        let privatePath = "notes/\(markers[1])-file.md"
        let probes = ["drafts", dropped, String(dropped.prefix(8)), "HEAD:\(privatePath)", "HEAD:notes", ":/draft", "HEAD@{1}",
                      "main^{/Publish}", "drafts~0", "HEAD..drafts", "0000000000000000000000000000000000000000"]
        try Self.check(repository: fixture.url.path, in: fixture.url.deletingLastPathComponent(), since: published,
                       extra: ["--markers", markers.joined(separator: ","), "--probe-revisions", probes.joined(separator: "\n")])
    }

    /// `café.md` in NFC and in NFD are two files to git and two notes to commons; Swift's String
    /// equality would merge them.
    @Test func notesWhoseNamesDifferOnlyInUnicodeNormalisationStayTwo() throws {
        let fixture = try FixtureRepository()
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        try fixture.write("\(composed).md", "---\ntitle: Composed\n---\nLinks to [[\(decomposed)]].\n")
        try fixture.write("\(decomposed).md", "---\ntitle: Decomposed\n---\nThe other one.\n")
        _ = try fixture.commitAll("Twins")
        try fixture.write("\(decomposed).md", "---\ntitle: Decomposed\n---\nThe other one, edited.\n")
        _ = try fixture.commitAll("Edit one twin")
        try Self.check(repository: fixture.url.path, in: fixture.url.deletingLastPathComponent(), since: "HEAD~1", extra: ["--exact-removals"])
    }

    @Test func unreadableInputAndWrongUsageExitAsDocumented() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-mcp")
        defer { try? FileManager.default.removeItem(at: folder) }
        for options in [["--rev", "HEAD"], ["--exclude", "drafts"], ["some/repository"]] {
            let usage = try CommonsBinary.run(["mcp", "--bundle", "commons.json"] + options, in: folder)
            #expect(usage.status == 64, "\(usage.standardError)")
        }

        let missing = try CommonsBinary.run(["mcp", "--bundle", "missing.json"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot read the bundle 'missing.json'"), "\(missing.standardError)")

        try Data(#"{"provenance": {"schemaVersion": 3}}"#.utf8).write(to: folder.appending(path: "future.json"))
        let future = try CommonsBinary.run(["mcp", "--bundle", "future.json"], in: folder)
        #expect(future.status == 1)
        #expect(future.standardError.contains("schema version 3"), "\(future.standardError)")

        let notGit = try CommonsBinary.run(["mcp"], in: folder)
        #expect(notGit.status == 1)
        #expect(notGit.standardError.contains("not in a git repository"), "\(notGit.standardError)")
        #expect(notGit.standardOutput.isEmpty, "standard output is the protocol's alone")
    }
}
