import Foundation
import Testing
import TestSupport

/// The context bundle and the llms.txt files, checked by real validators and against the pages they must agree with.
@Suite struct BundleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = root.appending(path: "Tests/bundle/check_bundle.py").path
    /// Parses llms.txt with the convention's own parser and fetches each link from the served site.
    static let llmsChecker = root.appending(path: "Tests/bundle/check_llms.py").path

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
        #expect(notes.contains { ($0["backlinks"] as? [Any])?.isEmpty == false })
        #expect(notes.contains { ($0["history"] as? [[String: Any]])?.contains { $0["kind"] as? String == "renamed" } == true })
        let commits = try #require(bundle["commits"] as? [[String: Any]])
        #expect(commits.count == 100)
    }
}
