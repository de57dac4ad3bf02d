import Foundation
import Testing
import TestSupport

/// Input made to blow a build up, each once measured in minutes or gigabytes, builds within a stated
/// bound of time and memory. The bounds are for a debug build on two busy cores, with room to spare:
/// the same inputs took over 300 s and 1.6 GB, over 10 minutes, and 145 s before.
@Suite struct HostileScaleTests {
    static let secondsBound = 60.0
    static let memoryBoundMiB = 1024.0

    private func build(_ files: [String: String]) throws -> (FixtureRepository, Run.Cost) {
        let fixture = try FixtureRepository()
        for (path, text) in files { try fixture.write(path, text) }
        try fixture.commitAll("Hostile input")
        let cost = try Run.measured([CommonsBinary.url.path, "build", "-v"], in: fixture.url)
        #expect(cost.result.status == 0, "\(cost.result.standardError)")
        #expect(cost.seconds < Self.secondsBound, "the build took \(cost.seconds) s")
        #expect(cost.peakMiB < Self.memoryBoundMiB, "the build peaked at \(cost.peakMiB) MiB")
        return (fixture, cost)
    }

    /// 13 notes each embedding the next 6 times: 6^12 embeds if nothing stops them.
    @Test func embedsThatFanOutAreBounded() throws {
        var files: [String: String] = [:]
        for index in 0..<13 {
            let embeds = index < 12 ? (0..<6).map { _ in "![[n\(index + 1)]]" }.joined(separator: "\n\n") : "The end."
            files["n\(index).md"] = "Note \(index).\n\n\(embeds)\n"
        }
        let (fixture, cost) = try build(files)
        #expect(cost.result.standardError.contains("n0.md: error: "), "\(cost.result.standardError)")
        #expect(cost.result.standardError.contains("[embed-limit]"))
        #expect(!cost.result.standardError.contains("would embed a note inside itself"), "no note here embeds itself")
        let page = try SiteFiles.text("n0/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.utf8.count < 8 << 20, "the page is \(page.utf8.count) bytes")
        #expect(page.contains("left out: embeds nest more than 8 deep here"))
        #expect(!page.contains("it would contain itself"))
    }

    /// An unclosed inline link, repeated: each once scanned to the end of the text.
    @Test func aRunOfUnclosedLinksIsLinear() throws {
        _ = try build(["a.md": String(repeating: "[a](", count: 50_000) + "\n",
                       "b.md": String(repeating: "[a](x (", count: 30_000) + "\n"])
    }

    /// A paragraph of 200,000 wikilinks: its text was hashed once per link.
    @Test func aParagraphOfManyLinksIsLinear() throws {
        let links = (0..<200_000).map { "[[n\($0 % 10)]]" }.joined(separator: " ")
        var files = ["links.md": links + "\n"]
        for index in 0..<10 { files["n\(index).md"] = "Note \(index).\n" }
        let (fixture, _) = try build(files)
        let page = try SiteFiles.text("n3/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.components(separatedBy: "<li><a href=\"../links/\">").count == 2, "one passage, one backlink")
        // The next build reads the renderings back from the cache, where the paragraph is kept once,
        // not once a link: written 200,000 times it took 30 GB.
        let again = try Run.measured([CommonsBinary.url.path, "build", "-v"], in: fixture.url)
        #expect(again.result.status == 0 && again.result.standardOutput.contains("Rendered 0 of 11 notes"), "\(again.result.standardOutput)")
        #expect(again.peakMiB < Self.memoryBoundMiB, "the build peaked at \(again.peakMiB) MiB")
        #expect(try SiteFiles.text("n3/index.html", in: fixture.url.appending(path: "_site")) == page)
    }
}
