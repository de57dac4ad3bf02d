import Foundation
import Testing
import TestSupport

/// The benchmark is not a test, but a tiny run of it is, so that its scripts cannot rot.
@Suite struct BenchmarkSmokeTests {
    static let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Benchmarks")

    @Test func theBenchmarkRunsOnATinyCommons() throws {
        let result = try Run.command(["python3", Self.benchmarks.appending(path: "run.py").path,
                                      "--commons", CommonsBinary.url.path, "--sizes", "12x30", "--repeat", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        for measure in ["floor: cmark-gfm", "git log --raw -M", "hugo with enableGitInfo, same notes", "commons build, cold", "history pass", "peak memory", "its heaviest note page", "commons build of the next commit", "a search for its commonest word", "commons bundle", "its commons.json", "commons check", "commons serve, first build", "its rebuild after a one-note edit",
                        "per note", "its site, bundle aside", "its site: bytes and files", "tokens per byte of the notes' Markdown",
                        "a mirror's update after the one-note commit", "its graph page"] {
            #expect(result.standardOutput.contains(measure))
        }
        // Each target of the performance issue is printed beside its figure.
        for goal in ["× hugo: ", "× floor: ", " MiB: ", "× hugo's bytes: ", "× cold: ", " ms: ", "× the Markdown: ", " %: "] {
            #expect(result.standardOutput.contains(goal), "\(goal)")
        }
    }

    @Test func theMcpBenchmarkRunsOnATinyCommons() throws {
        let result = try Run.command(["python3", Self.benchmarks.appending(path: "mcp_latency.py").path,
                                      "--commons", CommonsBinary.url.path, "--notes", "12", "--commits", "30", "--repeat", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        for measure in ["commons bundle (baseline)", "start to first answer", "changes_since HEAD~10, cold", "search_notes", "diff since oldest revision"] {
            #expect(result.standardOutput.contains(measure))
        }
    }

    @Test func theGeneratorIsDeterministic() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-generate")
        defer { try? FileManager.default.removeItem(at: folder) }
        var heads: [String] = []
        for name in ["one", "two"] {
            let repository = folder.appending(path: name).path
            let generate = try Run.command(["python3", Self.benchmarks.appending(path: "generate_commons.py").path, repository,
                                            "--notes", "40", "--commits", "80", "--seed", "7"])
            #expect(generate.status == 0, "\(generate.standardError)")
            heads.append(try Run.command(["git", "-C", repository, "rev-parse", "HEAD"]).standardOutput)
            let count = try Run.command(["git", "-C", repository, "rev-list", "--count", "HEAD"]).standardOutput
            #expect(count == "80\n")
        }
        #expect(heads[0] == heads[1])
    }
}
