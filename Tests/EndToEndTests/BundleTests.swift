import Foundation
import Testing
import TestSupport

/// The context bundle and the llms.txt files, checked by real validators and against the pages they must agree with.
@Suite struct BundleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = root.appending(path: "Tests/bundle/check_bundle.py").path
    /// Parses llms.txt with the convention's own parser and fetches each link from the served site.
    static let llmsChecker = root.appending(path: "Tests/bundle/check_llms.py").path
    /// Counts the bundle's tokens with a real byte-pair encoder, o200k_base.
    static let tokenChecker = root.appending(path: "Tests/bundle/check_tokens.py").path

    @Test func theDocumentationsBundleIsValidAndMatchesItsPages() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-bundle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appending(path: "site")
        let build = try CommonsBinary.run(["build", "--worktree", "--base-url", "https://commons.example.org/docs/", "-o", site.path], in: Self.root)
        #expect(build.status == 0, "\(build.standardError)")
        #expect(build.standardOutput.contains("bundle commons.json"), "the summary gives the bundle's size")
        for checker in [Self.checker, Self.llmsChecker] {
            let check = try Run.command(["python3", checker, site.path])
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        }
    }

    /// A generated commons has renames, deletions, private notes and several authors, over many commits.
    @Test func aGeneratedCommonsBundleIsValidMatchesItsPagesAndIsDeterministic() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-bundle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = folder.appending(path: "repository").path
        let generate = try GeneratedCommons.make(at: repository)
        #expect(generate.status == 0, "\(generate.standardError)")
        var bundles: [Data] = []
        for name in ["one", "two"] {
            let site = folder.appending(path: name)
            let build = try CommonsBinary.run(["build", repository, "-o", site.path, "--repo-url", "https://git.example.org/commons"], in: folder)
            #expect(build.status == 0, "\(build.standardError)")
            for checker in [Self.checker, Self.llmsChecker] {
                let check = try Run.command(["python3", checker, site.path])
                #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
            }
            bundles.append(try Data(contentsOf: site.appending(path: "commons.json")))
        }
        #expect(bundles[0] == bundles[1])

        let bundle = try #require(try JSONSerialization.jsonObject(with: bundles[0]) as? [String: Any])
        let notes = try #require(bundle["notes"] as? [[String: Any]])
        #expect(notes.count > 40)
        #expect(!notes.contains { ($0["path"] as? String)?.hasPrefix("private/") == true })
        #expect(notes.contains { ($0["links"] as? [Any])?.isEmpty == false })
        #expect(notes.contains { ($0["history"] as? [[Any]])?.contains { $0[1] as? String == "R" } == true })
        // Every commit that changed a published note, not the latest 100 only: a mirror can start from any.
        let commits = try #require(bundle["commits"] as? [[String]])
        #expect(commits.count > 100)
    }

    /// Past 100 KB of index, `llms.txt` lists the top notes and links to an index per folder, each
    /// listing what fits: a folder of 1,000 notes lists its own and links to its subfolder's. The
    /// Markdown files link notes by URL, keep wikilinks only in code, and hold one H1 each.
    @Test func aLargeCommonsLlmsIndexStaysSmallAndLinksFolderIndexes() throws {
        let fixture = try FixtureRepository()
        let description = "A note with a description long enough to weigh on the index, as real notes' are."
        func note(_ number: Int, links: String) -> String {
            "---\ndescription: \(description) \(number)\n---\nNumber \(number) links to \(links), and quotes `[[Top 1]]` as code.\n"
        }
        for number in 0..<300 {
            try fixture.write("Top \(number).md", note(number, links: "[[Big \(number)]] and [[Inner 1#Part|a part]]"))
        }
        for number in 0..<1000 {
            try fixture.write("big/Big \(number).md", note(number, links: "[[Top \(number % 300)]]"))
        }
        for number in 0..<100 {
            try fixture.write("big/inner/Inner \(number).md", "# Inner \(number)\n\n## Part\n\n" + note(number, links: "![[Small 1]]"))
        }
        for number in 0..<20 {
            try fixture.write("small/Small \(number).md", "Small \(number)\n===\n\nSee [[Top 2]].\n")
        }
        try fixture.commitAll("Fourteen hundred notes")
        let site = fixture.url.deletingLastPathComponent().appending(path: "llms-site")
        defer { try? FileManager.default.removeItem(at: site) }
        let build = try CommonsBinary.run(["build", "-o", site.path], in: fixture.url)
        #expect(build.status == 0, "\(build.standardError)")
        let check = try Run.command(["python3", Self.llmsChecker, site.path])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("1420 notes and 5 llms.txt files"), "\(check.standardOutput)")
        let root = try String(contentsOf: site.appending(path: "llms.txt"), encoding: .utf8)
        #expect(root.contains("(/all-notes/big/llms.txt): 1100 notes"), "\(root.suffix(600))")
        #expect(root.contains("[All 300 notes at the top](/all-notes/llms.txt)"))
        let twin = try String(contentsOf: site.appending(path: "top-1/index.html.md"), encoding: .utf8)
        #expect(twin.contains("links to [Big 1](/big/big-1/) and [a part](/big/inner/inner-1/#part), and quotes `[[Top 1]]` as code."), "\(twin)")
    }

    /// The token estimate that budgets rely on, against a real tokenizer: within 10% on this
    /// documentation and on a generated commons, whose English counting four bytes a token missed by 24%.
    @Test func theTokenEstimateIsWithinTenPercentOfARealTokenizer() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-tokens")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = folder.appending(path: "repository").path
        let generate = try GeneratedCommons.make(at: repository)
        #expect(generate.status == 0, "\(generate.standardError)")
        for (source, name) in [(["--worktree"], "documentation"), ([repository], "generated")] {
            let file = folder.appending(path: "\(name).json").path
            let bundle = try CommonsBinary.run(["bundle"] + source + ["-o", file], in: Self.root)
            #expect(bundle.status == 0, "\(bundle.standardError)")
            let stated = try BundleCommandTests.tokens(bundle)
            let check = try Run.command(["python3", Self.tokenChecker, file, "\(stated)"])
            #expect(check.status == 0, "\(name): \(check.standardOutput)\(check.standardError)")
        }
    }
}
