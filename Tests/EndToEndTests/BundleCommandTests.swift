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
        #expect((spokeOne["links"] as? [[Any]])?.compactMap { $0.last as? String } == ["spoke-two"], "the link to hub, left out, is gone")
        let selection = (byTag["provenance"] as? [String: Any])?["selection"] as? [String: Any]
        #expect(selection?["notes"] as? [String] == ["#project", "lonely.md"])
        #expect(!notes.contains { $0["unresolved"] != nil }, "only hub wants Nowhere")
        try Self.check(tagged.standardOutput, in: fixture)

        let (_, byParentTag) = try Self.bundle(["--notes", "#Project/"], in: fixture)
        #expect(Self.ids(byParentTag) == ["spoke-one", "spoke-two"])

        let (_, byGlob) = try Self.bundle(["--notes", "Spoke*"], in: fixture)
        #expect(Self.ids(byGlob) == ["spoke-one", "spoke-two"])
    }

    /// The tokens the summary on standard error says the written bundle takes.
    static func tokens(_ result: Run.Result) throws -> Int {
        let match = try #require(result.standardError.firstMatch(of: /about (\d+) tokens/), "\(result.standardError)")
        return Int(match.1)!
    }

    /// A long note nothing links to, in six sections: the budget that cannot hold it whole keeps its
    /// first sections, fills at least 90% of itself, and keeps every better-linked note whole.
    @Test func maxTokensFillsTheBudgetKeepingTheMostLinkedAndShortensWhatDoesNotFitWhole() throws {
        let fixture = try Self.commons()
        let sections = (1...6).map { "## Part \($0)\n\n" + String(repeating: "Words of part \($0), which nothing links to. ", count: 30) }
        try fixture.write("lonely.md", "# Lonely\n\n" + sections.joined(separator: "\n\n") + "\n")
        try fixture.commitAll("A long note in parts")
        let (whole, _) = try Self.bundle([], in: fixture)
        // Less than one part over: the budget holds all of the note but its last part.
        let budget = try Self.tokens(whole) - 250
        let (trimmed, json) = try Self.bundle(["--max-tokens", "\(budget)"], in: fixture)
        let written = try Self.tokens(trimmed)
        #expect(written <= budget && written >= budget * 9 / 10, "\(written) tokens for a budget of \(budget)")
        #expect(Self.ids(json) == ["hub", "journal/2026-01", "journal/2026-02", "lonely", "spoke-one", "spoke-two"])
        let selection = try #require((json["provenance"] as? [String: Any])?["selection"] as? [String: Any])
        #expect(selection["shortened"] as? [String] == ["lonely"] && (selection["trimmed"] as? [String])?.isEmpty == true)
        let lonely = try #require((json["notes"] as? [[String: Any]])?.first { $0["id"] as? String == "lonely" })
        let markdown = try #require(lonely["markdown"] as? String)
        #expect(markdown.hasPrefix("# Lonely\n\n## Part 1\n\nWords of part 1") && !markdown.contains("Part 6"), "\(markdown.prefix(200))")
        #expect((lonely["sections"] as? [[Any]])?.last?.last as? String != "part-6")
        #expect(trimmed.standardError.contains("left out 0 notes and shortened 1"), "\(trimmed.standardError)")
        #expect(trimmed.standardError.contains("  lonely (first "), "\(trimmed.standardError)")
        try Self.check(trimmed.standardOutput, in: fixture)

        // A budget for about half: the least linked go first, lonely (no link) and February among them.
        let (half, halfJSON) = try Self.bundle(["--max-tokens", "\(budget / 2)"], in: fixture)
        #expect(try Self.tokens(half) <= budget / 2)
        let left = try #require(((halfJSON["provenance"] as? [String: Any])?["selection"] as? [String: Any])?["trimmed"] as? [String])
        #expect(Self.ids(halfJSON).contains("hub") && !left.contains("hub"))
        #expect(left.first == "lonely" || Self.ids(halfJSON).contains("lonely"), "the least linked is left out first: \(left)")
        try Self.check(half.standardOutput, in: fixture)

        // Preferring a folder keeps it first, whatever its links.
        let (preferred, preferredJSON) = try Self.bundle(["--max-tokens", "\(budget / 3)", "--prefer", "journal/"], in: fixture)
        #expect(Self.ids(preferredJSON).starts(with: ["journal/2026-01", "journal/2026-02"]) || Set(["journal/2026-01", "journal/2026-02"]).isSubset(of: Self.ids(preferredJSON)),
                "\(preferred.standardError)")
        try Self.check(preferred.standardOutput, in: fixture)
    }

    /// `--prefer recent` orders notes by when they were updated, not by how their dates read: 12:00 in
    /// Tokyo is earlier than 05:00 in London that day.
    @Test func preferringRecentNotesComparesTheirDatesAsInstants() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Tokyo.md", "# Tokyo\n\nWritten first, at noon in Tokyo.\n")
        try fixture.git("add", "--all")
        try fixture.git("commit", "--quiet", "-m", "Tokyo", environment: Self.dated("2026-03-01T12:00:00+09:00"))
        try fixture.write("London.md", "# London\n\nWritten two hours later, at five in London.\n")
        try fixture.git("add", "--all")
        try fixture.git("commit", "--quiet", "-m", "London", environment: Self.dated("2026-03-01T05:00:00+00:00"))
        let (whole, _) = try Self.bundle([], in: fixture)
        let (_, json) = try Self.bundle(["--max-tokens", "\(try Self.tokens(whole) - 20)", "--prefer", "recent"], in: fixture)
        let selection = try #require((json["provenance"] as? [String: Any])?["selection"] as? [String: Any])
        #expect(Self.ids(json).contains("london"))
        #expect((selection["trimmed"] as? [String] ?? []) + (selection["shortened"] as? [String] ?? []) == ["tokyo"], "\(selection)")
    }

    private static func dated(_ date: String) -> [String: String] {
        ["GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org", "GIT_AUTHOR_DATE": date,
         "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.org", "GIT_COMMITTER_DATE": date]
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
        #expect(tooSmall.standardError.contains("cut to its first section"), "\(tooSmall.standardError)")
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
