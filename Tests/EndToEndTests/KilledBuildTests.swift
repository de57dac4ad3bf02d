import Foundation
import Testing
import TestSupport

/// A build killed at any moment while writing over a previous site leaves exactly the old site or
/// exactly the new one: never a mix, never stray files in it.
@Suite struct KilledBuildTests {
    @Test func aBuildKilledAtSixtyMomentsLeavesOneWholeSite() throws {
        let fixture = try FixtureRepository()
        for number in 0..<150 { try fixture.write("notes/\(number).md", "Note \(number), before. [[\((number + 1) % 150)]]\n") }
        let old = try fixture.commitAll("Old")
        for number in stride(from: 0, to: 150, by: 2) { try fixture.write("notes/\(number).md", "Note \(number), after. [[\((number + 3) % 150)]]\n") }
        try fixture.remove("notes/7.md")
        try fixture.write("notes/new/folder.md", "A note in a new folder.\n")
        let new = try fixture.commitAll("New")

        var sites: [String: [String: Data]] = [:]
        for (name, revision) in [("old", old), ("new", new)] {
            let folder = fixture.enclosingFolder.appending(path: "expected-\(name)")
            #expect(try CommonsBinary.run(["build", "-q", "--rev", revision, "-o", folder.path], in: fixture.url).status == 0)
            sites[name] = try SiteFiles.all(in: folder)
        }
        let output = fixture.url.appending(path: "_site")
        // Timed as the killed builds run: over the old site.
        #expect(try CommonsBinary.run(["build", "-q", "--rev", old], in: fixture.url).status == 0)
        let start = Date()
        #expect(try CommonsBinary.run(["build", "-q", "--rev", new], in: fixture.url).status == 0)
        let fullBuild = Date().timeIntervalSince(start)

        var seen: [String: Int] = [:]
        // Spread over the whole build and past it, so that some builds finish; on a busy machine builds
        // run slower than the one timed, so the last tries wait longer until one has finished.
        var delays = (0..<60).map { fullBuild * 1.5 * Double($0) / 60 }
        var moment = 0
        while moment < delays.count {
            defer { moment += 1 }
            if moment == delays.count - 1 && seen["new", default: 0] == 0 && delays.count < 70 { delays.append(delays[moment] * 2) }
            if try SiteFiles.all(in: output) != sites["old"] {
                #expect(try CommonsBinary.run(["build", "-q", "--rev", old], in: fixture.url).status == 0)
            }
            let build = Process()
            build.executableURL = CommonsBinary.url
            build.arguments = ["build", "-q", "--rev", new]
            build.currentDirectoryURL = fixture.url
            try build.run()
            Thread.sleep(forTimeInterval: delays[moment])
            kill(build.processIdentifier, SIGKILL)
            build.waitUntilExit()
            let site = try SiteFiles.all(in: output)
            let outcome = sites.first { $0.value == site }?.key
            #expect(outcome != nil, "killed after \(moment) sixtieths of a build, the site is neither: \(Set(site.keys).symmetricDifference(sites["old"]!.keys).sorted().prefix(5))")
            seen[outcome ?? "neither", default: 0] += 1
        }
        #expect(seen["old", default: 0] > 0 && seen["new", default: 0] > 0, "the kills did not span the build: \(seen)")
        // The next build clears what the killed ones left beside the site, but for the spare it keeps
        // for the build after, which holds only the site's own files.
        #expect(try CommonsBinary.run(["build", "-q", "--rev", new], in: fixture.url).status == 0)
        let beside = try FileManager.default.contentsOfDirectory(atPath: fixture.url.path).filter { $0.hasPrefix("._site") }
        #expect(beside == ["._site.spare"], "\(beside)")
        try SpareSiteTests.expectOnlyFilesOfTheSite(spare: fixture.url.appending(path: "._site.spare"), site: output)
    }
}
