import Foundation
import Testing
import TestSupport

/// The build cache only saves time: one that cannot be written, or is damaged, never changes a site.
@Suite struct CacheTests {
    private func commons() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "One note. [[b]]\n")
        try fixture.write("b.md", "Another.\n")
        try fixture.commitAll("Start")
        try fixture.write("b.md", "Another, edited.\n")
        try fixture.commitAll("Edit")
        return fixture
    }

    private func cacheFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aCacheThatCannotBeWrittenIsOneWarning() throws {
        let fixture = try commons()
        // A file where the cache folder should be: no one, not even root, can write into it.
        try fixture.write(".git/commons", "in the way")
        let result = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let warnings = result.standardError.split(separator: "\n").filter { $0.hasSuffix("[cache]") }
        #expect(warnings.count == 1, "\(result.standardError)")
        #expect(warnings.first?.contains("cannot write the build cache") == true)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/b/index.html").path))
    }

    @Test func theCacheGoesWhereTheCommandLineOrTheSettingsSay() throws {
        let fixture = try commons()
        let chosen = fixture.enclosingFolder.appending(path: "ci-cache")
        #expect(try CommonsBinary.run(["build", "--cache-dir", chosen.path], in: fixture.url).status == 0)
        #expect(cacheFiles(in: chosen).contains("history.cache"))
        #expect(cacheFiles(in: fixture.url.appending(path: ".git/commons")).isEmpty)

        try fixture.write("commons.yml", "cache_dir: .cache/commons\n")
        try fixture.write(".gitignore", ".cache/\n_site/\n")
        try fixture.commitAll("Keep the cache for CI")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(cacheFiles(in: fixture.url.appending(path: ".cache/commons")).contains("history.cache"))

        try fixture.write("commons.yml", "cache_dir: ../elsewhere\n")
        try fixture.commitAll("Point the cache outside")
        let outside = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(outside.status == 1)
        #expect(outside.standardError.contains("the cache folder '../elsewhere' must be a folder inside the repository"), "\(outside.standardError)")
    }

    @Test func damagedCacheFilesAreIgnoredAndRewritten() throws {
        let fixture = try commons()
        let expected = fixture.enclosingFolder.appending(path: "expected")
        #expect(try CommonsBinary.run(["build", "-o", expected.path, "--cache-dir", fixture.enclosingFolder.appending(path: "fresh").path], in: fixture.url).status == 0)
        let cache = fixture.url.appending(path: ".git/commons")
        for damage in ["truncated", "garbage", "future"] {
            #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
            for name in cacheFiles(in: cache) {
                let file = cache.appending(path: name)
                let bytes = try Data(contentsOf: file)
                switch damage {
                case "truncated": try bytes.prefix(bytes.count * 2 / 3).write(to: file)
                case "garbage": try Data((0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 131) }).write(to: file)
                default: try Data(("commons history cache 99\t\n" + "x\ty\n").utf8).write(to: file)
                }
            }
            try fixture.write("_site/b/index.html", "a page changed since, so the memo must not keep it")
            let result = try CommonsBinary.run(["build"], in: fixture.url)
            #expect(result.status == 0, "\(damage): \(result.standardError)")
            var site = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
            var reference = try SiteFiles.all(in: expected)
            // The list of written files names no output folder; both are the same site.
            site[".commons-files"] = nil
            reference[".commons-files"] = nil
            #expect(site == reference, "\(damage): \(Set(site.keys).symmetricDifference(reference.keys))")
            for name in cacheFiles(in: cache) {
                let first = try String(decoding: Data(contentsOf: cache.appending(path: name)).prefix(24), as: UTF8.self)
                #expect(first.hasPrefix("commons "), "\(damage): \(name) was not rewritten")
            }
        }
    }

    @Test func aFileNameThatIsNotUTF8IsReported() throws {
        let fixture = try commons()
        let added = try Run.command(["sh", "-c", #"f=$(printf 'caf\377.md'); printf 'Latin-1 name\n' > "$f"; git add -- "$f" && git -c user.name=A -c user.email=a@example.org commit -qm 'Add a Latin-1 name'"#],
                                    in: fixture.url)
        #expect(added.status == 0, "\(added.standardError)")
        let result = try CommonsBinary.run(["build", "-v"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("caf\u{FFFD}.md: error: the file name is not valid UTF-8"), "\(result.standardError)")
    }
}
