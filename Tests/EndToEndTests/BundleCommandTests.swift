import Foundation
import Testing
import TestSupport

/// `commons bundle`: the build's bundle without the site, narrowed by path or tag, trimmed to a budget.
@Suite struct BundleCommandTests {
    /// Notes with known connections: `hub` links to three notes, `lonely` to none, and the tags nest.
    static func commons() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Bundle command\nbase_url: https://notes.example.org/\n")
        try fixture.write("hub.md", "# Hub\n\nSee [[Spoke one]], [[Spoke two]] and [[journal/2026-01|January]]. Also [[Nowhere]].\n")
        try fixture.write("Spoke one.md", "---\ntags: [project/alpha]\n---\n# Spoke one\n\nBack to [[hub]] and on to [[Spoke two]].\n")
        try fixture.write("Spoke two.md", "---\ntags: [Project]\n---\n# Spoke two\n\nBack to [[hub]].\n")
        try fixture.write("lonely.md", "# Lonely\n\n" + String(repeating: "A long note that nothing links to. ", count: 40) + "\n")
        try fixture.write("journal/2026-01.md", "# January\n\nWrote [[hub]].\n")
        try fixture.write("journal/2026-02.md", "# February\n\nNothing yet.\n")
        try fixture.commitAll("A small commons")
        return fixture
    }

    static func bundle(_ arguments: [String], in fixture: FixtureRepository) throws -> (Run.Result, json: [String: Any]) {
        let result = try CommonsBinary.run(["bundle"] + arguments, in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return (result, try #require(json))
    }

    static func ids(_ json: [String: Any]) -> [String] {
        (json["notes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Validates a bundle written by `commons bundle` against the schema and checks that every id it names is in it.
    static func check(_ bundle: String, in fixture: FixtureRepository) throws {
        let file = fixture.enclosingFolder.appending(path: "checked.json")
        try Data(bundle.utf8).write(to: file)
        let schema = BundleTests.root.appending(path: "site-template/commons.schema.json").path
        let check = try Run.command(["python3", BundleTests.checker, "--alone", file.path, schema])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test func withoutOptionsItWritesTheBuildsBundleToStandardOutput() throws {
        let fixture = try Self.commons()
        let build = try CommonsBinary.run(["build", "-q"], in: fixture.url)
        #expect(build.status == 0, "\(build.standardError)")
        let built = try String(contentsOf: fixture.url.appending(path: "_site/commons.json"), encoding: .utf8)
        let (result, json) = try Self.bundle([], in: fixture)
        #expect(result.standardOutput == built)
        #expect(Self.ids(json) == ["hub", "journal/2026-01", "journal/2026-02", "lonely", "spoke-one", "spoke-two"])
        #expect(result.standardError.contains("Bundled 6 notes of "), "\(result.standardError)")
        try Self.check(result.standardOutput, in: fixture)
    }

    @Test func notesNarrowsByPathspecOrNestedTagAndKeepsTheBundleWhole() throws {
        let fixture = try Self.commons()
        let (_, byFolder) = try Self.bundle(["--notes", "journal/"], in: fixture)
        #expect(Self.ids(byFolder) == ["journal/2026-01", "journal/2026-02"])

        let (tagged, byTag) = try Self.bundle(["--notes", "#project", "--notes", "lonely.md"], in: fixture)
        #expect(Self.ids(byTag) == ["lonely", "spoke-one", "spoke-two"], "#project takes #Project and #project/alpha")
        let notes = try #require(byTag["notes"] as? [[String: Any]])
        let spokeOne = try #require(notes.first { $0["id"] as? String == "spoke-one" })
        #expect((spokeOne["links"] as? [[String: Any]])?.compactMap { $0["target"] as? String } == ["spoke-two"], "the link to hub, left out, is gone")
        let selection = (byTag["provenance"] as? [String: Any])?["selection"] as? [String: Any]
        #expect(selection?["notes"] as? [String] == ["#project", "lonely.md"])
        #expect((byTag["unresolved"] as? [Any])?.isEmpty == true, "only hub wants Nowhere")
        try Self.check(tagged.standardOutput, in: fixture)

        let (_, byParentTag) = try Self.bundle(["--notes", "#Project/"], in: fixture)
        #expect(Self.ids(byParentTag) == ["spoke-one", "spoke-two"])

        let (_, byGlob) = try Self.bundle(["--notes", "Spoke*"], in: fixture)
        #expect(Self.ids(byGlob) == ["spoke-one", "spoke-two"])
    }

    @Test func maxTokensLeavesOutTheLeastConnectedNotesFirstAndSaysWhich() throws {
        let fixture = try Self.commons()
        let (whole, _) = try Self.bundle([], in: fixture)
        let wholeTokens = (whole.standardOutput.utf8.count + 3) / 4
        let budget = wholeTokens - 200
        let (trimmed, json) = try Self.bundle(["--max-tokens", "\(budget)"], in: fixture)
        #expect(trimmed.standardOutput.utf8.count <= budget * 4)
        // lonely and February have no link in or out; lonely sorts after journal/2026-02 and both go before anything linked.
        let left = try #require(((json["provenance"] as? [String: Any])?["selection"] as? [String: Any])?["trimmed"] as? [String])
        #expect(left.first == "journal/2026-02")
        #expect(!Self.ids(json).contains("journal/2026-02"))
        #expect(Self.ids(json).contains("hub"))
        #expect(trimmed.standardError.contains("left out \(left.count) note"), "\(trimmed.standardError)")
        for id in left { #expect(trimmed.standardError.contains("  \(id) ("), "stderr names \(id)") }
        try Self.check(trimmed.standardOutput, in: fixture)
    }

    /// Both failures are found before anything is written; `AtomicFileTests` covers a write that fails half-way.
    @Test func aBudgetTooSmallOrAFilterMatchingNothingFailsAndKeepsThePreviousFile() throws {
        let fixture = try Self.commons()
        let file = fixture.enclosingFolder.appending(path: "bundle.json")
        #expect(try CommonsBinary.run(["bundle", "-o", file.path, "-q"], in: fixture.url).status == 0)
        let previous = try Data(contentsOf: file)

        let tooSmall = try CommonsBinary.run(["bundle", "-o", file.path, "--max-tokens", "50"], in: fixture.url)
        #expect(tooSmall.status == 1)
        #expect(tooSmall.standardError.hasPrefix("error: --max-tokens 50 leaves room for no note"), "\(tooSmall.standardError)")
        let nothing = try CommonsBinary.run(["bundle", "-o", file.path, "--notes", "#absent"], in: fixture.url)
        #expect(nothing.status == 1)
        #expect(nothing.standardError == "error: no published note matches --notes '#absent'\n")
        #expect(try Data(contentsOf: file) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.enclosingFolder.path).filter { $0.contains("partial") }.isEmpty)

        #expect(try CommonsBinary.run(["bundle", "--max-tokens", "0"], in: fixture.url).status == 64)
        #expect(try CommonsBinary.run(["bundle", "--notes", "##"], in: fixture.url).status == 64)
        let huge = try CommonsBinary.run(["bundle", "--max-tokens", "\(Int.max)", "-q"], in: fixture.url)
        #expect(huge.status == 0, "a budget past any size keeps every note: \(huge.standardError)")
        #expect(try CommonsBinary.run(["bundle", "--worktree", "--rev", "HEAD"], in: fixture.url).status == 64)
    }
}
