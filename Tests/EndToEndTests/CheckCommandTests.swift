import Foundation
import Testing
import TestSupport

/// `commons check`: every rule, where it points, what it exits with, and that the build reports the same.
@Suite struct CheckCommandTests {
    /// One commons that breaks every rule that a commit can break, each once, at a known place.
    static func everyRuleBroken() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Check\ncolour: blue\n")
        try fixture.write("a.md", "# A\n\nSee [[Nowhere]], [[b#Missing]] and [[secret]].\n")
        try fixture.write("b.md", "# B\n\n![[b]]\n")
        try fixture.write("c.md", "---\ntitle: [one, two]\n---\nWhich [[Same]]? [up](../../x.md)\n")
        try fixture.write("x/Same.md", "# Same X\n\nBack to [[a]].\n")
        try fixture.write("y/Same.md", "# Same Y\n\nBack to [[a]].\n")
        try fixture.write("secret.md", "---\nprivate: true\n---\n# Secret\n")
        try fixture.write("bad.md", "---\ntitle: fine\naliases: [unclosed\n---\nText\n")
        try fixture.write("latin1.md", bytes: Array("# Caf".utf8) + [0xE9, 0x0A])
        try fixture.write("lfs.md", "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 12345\n")
        try fixture.write("huge.md", String(repeating: "x", count: 8 * 1024 * 1024 + 1))
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "escape.md").path, withDestinationPath: "/etc/passwd")
        try fixture.write("pictures.md", "# Pictures\n\n![one](Photo.png) ![two](photo.png) and [[a]]\n")
        try fixture.write("Photo.png", bytes: [1])
        try fixture.write("photo.png", bytes: [2])
        try fixture.write("Two words.md", "# Two words\n\n[[a]]\n")
        try fixture.write("two-words.md", "# Two words again\n\n[[a]]\n")
        try fixture.write("Untitled 2.md", "Some text, and [[a]].\n")
        // A blank title is how Obsidian leaves the property empty: no problem, the page is titled after the file.
        try fixture.write("blank title.md", "---\ntitle: \"\"\naliases:\ntags:\n  - \n---\nText and [[a]].\n")
        try fixture.write("Empty.md", "---\ntags: [stub]\n---\n# Empty\n\n")
        try fixture.write("lonely.md", "# Lonely\n\nNo links at all.\n")
        // Files the path rules keep out are never published, so their problems are not reported.
        try fixture.write(".trash/broken.md", "---\ntitle: [unclosed\n---\n")
        try fixture.write("private/binary.md", bytes: [0x89, 0x50, 0x00])
        let head = try fixture.commitAll("Every mistake")
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(head),vendor/notes")
        try fixture.commitStaged("Add a submodule")
        return fixture
    }

    /// Each problem as `path:line:col: severity: [rule]`, the message left out: what the rules promise is where and what.
    static func located(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard let rule = line.firstMatch(of: /\[([a-z-]+)\]$/)?.1, let range = line.range(of: ": error: ") ?? line.range(of: ": warning: ") else { return nil }
            return "\(line[..<range.upperBound])[\(rule)]"
        }
    }

    @Test func everyRuleIsReportedWhereItIsBrokenAndTheBuildAgrees() throws {
        let fixture = try Self.everyRuleBroken()
        let check = try CommonsBinary.run(["check", "--enable", "orphan-note"], in: fixture.url)
        #expect(check.status == 1, "errors fail the check")
        // In file order: paths by their bytes (capitals first), then line and column.
        #expect(Self.located(check.standardOutput) == [
            "Empty.md: warning: [empty-note]",
            "Empty.md: warning: [orphan-note]",
            "Untitled 2.md: warning: [missing-title]",
            "a.md:3:5: warning: [unresolved-link]",
            "a.md:3:18: warning: [missing-anchor]",
            "a.md:3:36: warning: [private-link]",
            "b.md:3:1: error: [embed-cycle]",
            "bad.md:4:1: error: [front-matter]",
            "c.md:2:1: warning: [front-matter-type]",
            "c.md:4:7: warning: [ambiguous-link]",
            "c.md:4:17: error: [broken-link]",
            "commons.yml: warning: [base-url]",
            "commons.yml: warning: [config-key]",
            "escape.md: warning: [symlink]",
            "huge.md: error: [oversized-file]",
            "latin1.md: error: [encoding]",
            "lfs.md: error: [lfs-pointer]",
            "lonely.md: warning: [orphan-note]",
            "photo.png: warning: [path-clash]",
            "two-words.md: error: [slug-collision]",
            "vendor/notes: warning: [submodule]",
        ], "\(check.standardOutput)")
        #expect(check.standardOutput.hasSuffix("Checked 12 notes: 7 errors, 14 warnings\n"), "\(check.standardOutput)")

        // The build finds the same problems, less the rule that is off by default.
        let build = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(build.status == 0, "content problems never fail a build")
        #expect(Self.located(build.standardError) == Self.located(check.standardOutput).filter { !$0.hasSuffix("[orphan-note]") })
        #expect(build.standardOutput.contains(", 7 errors, 12 warnings"), "\(build.standardOutput)")
    }

    @Test func theJSONFormatHasOneEntryPerProblemWithCounts() throws {
        let fixture = try Self.everyRuleBroken()
        let check = try CommonsBinary.run(["check", "--format", "json"], in: fixture.url)
        #expect(check.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        #expect(document["notes"] as? Int == 12)
        #expect(document["errors"] as? Int == 7)
        #expect(document["warnings"] as? Int == 12)
        let problems = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(problems.count == 19)
        let link = try #require(problems.first { $0["rule"] as? String == "unresolved-link" })
        #expect(link["path"] as? String == "a.md")
        #expect(link["line"] as? Int == 3)
        #expect(link["column"] as? Int == 5)
        #expect(link["severity"] as? String == "warning")
        #expect(link["message"] as? String == "unresolved link [[Nowhere]]")
        let config = try #require(problems.first { $0["rule"] as? String == "config-key" })
        #expect(config["line"] == nil, "a problem without a position has no line")
    }

    @Test func exitCodesTellNoErrorsFromErrorsFromNotRunning() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Clean\nbase_url: https://example.org/\n")
        try fixture.write("a.md", "# A\n\n[[b]]\n")
        try fixture.write("b.md", "# B\n\n[[a]] and [[Someday]]\n")
        try fixture.commitAll("Nearly clean")
        let warned = try CommonsBinary.run(["check"], in: fixture.url)
        #expect(warned.status == 0, "warnings alone pass")
        #expect(warned.standardOutput == "b.md:3:11: warning: unresolved link [[Someday]] [unresolved-link]\nChecked 2 notes: 1 warning\n")
        #expect(try CommonsBinary.run(["check", "--strict"], in: fixture.url).status == 1)
        #expect(try CommonsBinary.run(["check", "--rev", "HEAD", "-q"], in: fixture.url).standardOutput.hasSuffix("[unresolved-link]\n"))

        // Fixed in the working tree only: --worktree sees it, the commit does not.
        try fixture.write("Someday.md", "# Someday\n\n[[a]]\n")
        let fixed = try CommonsBinary.run(["check", "--worktree", "--strict"], in: fixture.url)
        #expect(fixed.status == 0, "\(fixed.standardOutput)")
        #expect(fixed.standardOutput == "Checked 3 notes: no problems\n")

        let outside = try TemporaryFolder.make(prefix: "commons-not-a-repository")
        defer { try? FileManager.default.removeItem(at: outside) }
        let notRepository = try CommonsBinary.run(["check", outside.path], in: fixture.url)
        #expect(notRepository.status == 2)
        #expect(notRepository.standardError.hasPrefix("error: '\(outside.path)' is not in a git repository"))
        #expect(try CommonsBinary.run(["check", "--rev", "no-such-rev"], in: fixture.url).status == 2)
        #expect(try CommonsBinary.run(["check", "--enable", "unresolved-link"], in: fixture.url).status == 64)
        #expect(try CommonsBinary.run(["check", "--format", "xml"], in: fixture.url).status == 64)
    }

    @Test func aShallowCloneIsReported() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "base_url: https://example.org/\n")
        try fixture.write("a.md", "# A\n\nText.\n")
        try fixture.commitAll("One")
        try fixture.write("a.md", "# A\n\nMore text.\n")
        try fixture.commitAll("Two")
        let clone = fixture.enclosingFolder.appending(path: "shallow")
        _ = try Run.command(["git", "clone", "--quiet", "--depth", "1", "file://\(fixture.path)", clone.path])
        let check = try CommonsBinary.run(["check"], in: clone)
        #expect(check.status == 0)
        #expect(Self.located(check.standardOutput) == [".: warning: [shallow-history]"])
    }
}
