import Foundation
import Testing
import TestSupport

/// The spare site beside the output folder, which the next build stages in, holds nothing the site
/// does not: only the site's own files, never a page of a note made private since.
@Suite struct SpareSiteTests {
    /// Every file of the spare is the site's file at the same path: the same inode, so the same bytes.
    static func expectOnlyFilesOfTheSite(spare: URL, site: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let files = try SiteFiles.all(in: spare).keys.filter { $0 != ".gitignore" }
        #expect(!files.isEmpty, sourceLocation: sourceLocation)
        for path in files {
            let inode = { (folder: URL) in
                try? FileManager.default.attributesOfItem(atPath: folder.appending(path: path).path)[.systemFileNumber] as? UInt64
            }
            #expect(inode(spare) != nil && inode(spare) == inode(site), "\(path) of the spare is not the site's", sourceLocation: sourceLocation)
        }
    }

    private func build(_ fixture: FixtureRepository, _ arguments: [String] = []) throws {
        let result = try CommonsBinary.run(["build", "-q"] + arguments, in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func aNoteMadePrivateLeavesNothingBesideTheSite() throws {
        let fixture = try FixtureRepository()
        let marker = "PLANTED-SPARE-MARKER"
        try fixture.write("Secret later.md", "Words that stay: \(marker).\n")
        try fixture.write("Open.md", "See [[Secret later]], and embedded: ![[Secret later]]\n")
        try fixture.commitAll("Both public")
        try build(fixture)
        try fixture.write("Open.md", "See [[Secret later]], and embedded: ![[Secret later]]\nA second line.\n")
        try fixture.commitAll("Edit")
        try build(fixture)
        try fixture.write("Secret later.md", "---\npublish: false\n---\nWords that stay: \(marker).\n")
        try fixture.commitAll("Made private")
        try build(fixture)

        let spare = fixture.url.appending(path: "._site.spare")
        try Self.expectOnlyFilesOfTheSite(spare: spare, site: fixture.url.appending(path: "_site"))
        #expect(try !fixture.git("status", "--porcelain").contains("spare"), "git sees the spare")
        for folder in ["_site", "._site.spare"] {
            for (path, bytes) in try SiteFiles.all(in: fixture.url.appending(path: folder)) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(marker), "\(folder)/\(path)")
            }
        }
    }

    @Test func theNextBuildGivesTheSiteOfABuildFromNothingWhateverWasDoneToTheSite() throws {
        let fixture = try FixtureRepository()
        for number in 0..<6 { try fixture.write("notes/\(number).md", "Note \(number). [[\((number + 1) % 6)]]\n") }
        try fixture.commitAll("Notes")
        try build(fixture)
        try fixture.write("notes/1.md", "Note 1, changed. [[3]]\n")
        try fixture.remove("notes/5.md")
        try fixture.commitAll("Change")
        try build(fixture)
        // By hand, in the site: a page replaced by a new file, one written over in place, one removed.
        let site = fixture.url.appending(path: "_site")
        try FileManager.default.removeItem(at: site.appending(path: "notes/2/index.html"))
        try "replaced".write(to: site.appending(path: "notes/2/index.html"), atomically: false, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: site.appending(path: "notes/3/index.html"))
        try handle.write(contentsOf: Data("overwritten".utf8))
        try handle.close()
        try FileManager.default.removeItem(at: site.appending(path: "notes/4/index.html"))
        try fixture.write("notes/0.md", "Note 0, changed too. [[2]]\n")
        try fixture.commitAll("Another change")
        try build(fixture)

        let fresh = fixture.enclosingFolder.appending(path: "fresh")
        try build(fixture, ["-o", fresh.path])
        #expect(try SiteFiles.all(in: site) == SiteFiles.all(in: fresh))
        try Self.expectOnlyFilesOfTheSite(spare: fixture.url.appending(path: "._site.spare"), site: site)
    }

    /// The spare shares its files with the site: a build that wrote into one in place would change
    /// the live site before the swap, under a reader or a deploy holding the file.
    @Test func aBuildNeverWritesIntoAFileOfTheSite() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A, as it was.\n")
        try fixture.write("b.md", "B, as it was.\n")
        try fixture.commitAll("Add")
        try build(fixture)
        try fixture.write("b.md", "B, changed.\n")
        try fixture.commitAll("Change b")
        try build(fixture)
        // The spare now shares a's files with the site; hold them as a reader would.
        var witnesses: [URL: Data] = [:]
        for path in ["a/index.html", "a/index.html.md"] {
            let witness = fixture.enclosingFolder.appending(path: "witness-" + path.replacingOccurrences(of: "/", with: "-"))
            try FileManager.default.linkItem(at: fixture.url.appending(path: "_site/" + path), to: witness)
            witnesses[witness] = try Data(contentsOf: witness)
        }
        try fixture.write("a.md", "A, changed at last.\n")
        try fixture.commitAll("Change a")
        try build(fixture)
        for (witness, bytes) in witnesses {
            #expect(try Data(contentsOf: witness) == bytes, "\(witness.lastPathComponent) was written in place")
        }
        #expect(try SiteFiles.text("_site/a/index.html.md", in: fixture.url).contains("changed at last"))
    }

    /// A symbolic link put into the site by hand is linked into the new site after it is written, as
    /// into a new staging folder: a build never writes through one, and a page that would go below
    /// one is a clash, not a file written wherever the link leads.
    @Test func aBuildNeverWritesThroughALinkPutIntoTheSite() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A note.\n")
        try fixture.commitAll("Add")
        try build(fixture)
        let store = fixture.enclosingFolder.appending(path: "media-store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try "mine\n".write(to: store.appending(path: "mine.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "_site/media").path, withDestinationPath: store.path)
        try build(fixture)
        try build(fixture)
        try fixture.write("media/Clip.md", "A note where the link is.\n")
        try fixture.commitAll("A folder of the link's name")
        let result = try CommonsBinary.run(["build", "-q"], in: fixture.url)
        #expect(result.status == 1 && result.standardError.contains("which commons did not write"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.path) == ["mine.txt"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: fixture.url.appending(path: "_site/media").path) == store.path)
    }

    /// File systems tell `café` in NFC from `café` in NFD, and so must the spare: a file renamed from
    /// one spelling to the other leaves no copy under the old name.
    @Test func aNameInAnotherUnicodeSpellingIsAnotherFile() throws {
        let fixture = try FixtureRepository()
        let decomposed = "caf\u{65}\u{301}.txt", composed = "caf\u{e9}.txt"
        try fixture.write("a.md", "See [the file](\(decomposed)).\n")
        try fixture.write(decomposed, "the first words\n")
        try fixture.commitAll("Add")
        try build(fixture)
        try build(fixture)
        let site = fixture.url.appending(path: "_site").path
        let published = { try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.hasPrefix("caf") }.map { Array($0.utf8) } }
        #expect(try published() == [Array(decomposed.utf8)])
        _ = try fixture.git("mv", decomposed, composed)
        try fixture.write(composed, "other words\n")
        try fixture.write("a.md", "See [the file](\(composed)).\n")
        try fixture.commitAll("Renamed to its composed spelling")
        try build(fixture)
        #expect(try published() == [Array(composed.utf8)])
    }

    @Test func aFolderOfTheSparesNameThatCommonsDidNotMakeIsNotTouched() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A note.\n")
        try fixture.commitAll("Add")
        try fixture.write("._site.spare/mine.txt", "someone's own\n")
        for _ in 0..<3 { try build(fixture) }
        #expect(try SiteFiles.text("._site.spare/mine.txt", in: fixture.url) == "someone's own\n")
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/a/index.html").path))
    }

    @Test func aSpareWithoutItsSiteIsRemoved() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "A note.\n")
        try fixture.commitAll("Add")
        try build(fixture)
        try build(fixture)
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "._site.spare").path))
        try FileManager.default.removeItem(at: fixture.url.appending(path: "_site"))
        try build(fixture)
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "._site.spare").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/a/index.html").path))
    }
}
