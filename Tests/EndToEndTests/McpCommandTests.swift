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
        let generate = try Run.command(["python3", Self.root.appending(path: "Benchmarks/generate_commons.py").path, repository,
                                        "--notes", "60", "--commits", "150", "--seed", "3"])
        #expect(generate.status == 0, "\(generate.standardError)")
        try Self.check(repository: repository, in: folder, since: "HEAD~25", extra: ["--serve-bundle"])
    }

    /// Private notes carry markers in every place they can; no answer of any tool or resource may hold one.
    @Test func noAnswerHoldsAMarkerOfAPrivateNote() throws {
        let (fixture, markers) = try PrivacyTests.generate(seed: 5, publicCount: 8)
        try Self.check(repository: fixture.url.path, in: fixture.url.deletingLastPathComponent(), since: "HEAD~1",
                       extra: ["--markers", markers.joined(separator: ",")])
    }

    @Test func unreadableInputAndWrongUsageExitAsDocumented() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-mcp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let usage = try CommonsBinary.run(["mcp", "--bundle", "commons.json", "--rev", "HEAD"], in: folder)
        #expect(usage.status == 64, "\(usage.standardError)")

        let missing = try CommonsBinary.run(["mcp", "--bundle", "missing.json"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot read the bundle 'missing.json'"), "\(missing.standardError)")

        try Data(#"{"provenance": {"schemaVersion": 2}}"#.utf8).write(to: folder.appending(path: "future.json"))
        let future = try CommonsBinary.run(["mcp", "--bundle", "future.json"], in: folder)
        #expect(future.status == 1)
        #expect(future.standardError.contains("schema version 2"), "\(future.standardError)")

        let notGit = try CommonsBinary.run(["mcp"], in: folder)
        #expect(notGit.status == 1)
        #expect(notGit.standardError.contains("not in a git repository"), "\(notGit.standardError)")
        #expect(notGit.standardOutput.isEmpty, "standard output is the protocol's alone")
    }
}
