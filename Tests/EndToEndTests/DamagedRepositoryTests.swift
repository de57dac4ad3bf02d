import Foundation
import Testing
import TestSupport

/// Real clones lack objects: a partial clone (`--filter=blob:none`) has only the files it checked
/// out, and a damaged or size-limited copy misses a few large blobs. A missing object is a warning
/// that names its file and commit; the build goes on.
@Suite struct DamagedRepositoryTests {
    /// Deletes a file's blob at a revision from the repository's loose objects, as a damaged clone lacks it.
    private func removeBlob(_ path: String, at revision: String, in fixture: FixtureRepository) throws -> String {
        let blob = try fixture.git("rev-parse", "\(revision):\(path)").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(at: fixture.url.appending(path: ".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"))
        return blob
    }

    private func vault() throws -> (FixtureRepository, first: String) {
        let fixture = try FixtureRepository()
        try fixture.write("Guide.md", "The first words.\n\n![[clip.mp4]]\n\n![[map.png]]\n")
        try fixture.write("clip.mp4", "a video the clone will lack")
        try fixture.write("map.png", "an image the clone will lack")
        try fixture.write("Other.md", "Another note, see [[Guide]].\n")
        let first = try fixture.commitAll("Start")
        try fixture.write("Guide.md", "The first words, and more.\n\n![[clip.mp4]]\n\n![[map.png]]\n")
        try fixture.write("clip.mp4", "a second cut of the video")
        try fixture.commitAll("Edit")
        return (fixture, first)
    }

    @Test func aMissingPastVersionIsAWarningNamingItsFileAndCommit() throws {
        let (fixture, first) = try vault()
        _ = try removeBlob("Guide.md", at: first, in: fixture)
        // A video's history is never read, so the clone lacking an old cut of it is no problem at all.
        _ = try removeBlob("clip.mp4", at: first, in: fixture)
        let result = try CommonsBinary.run(["build", "--verbose"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let warnings = result.standardError.split(separator: "\n").filter { $0.contains("[missing-object]") }
        #expect(warnings == ["Guide.md: warning: the repository lacks one version of this note, the newest from commit \(first.prefix(7)) (a partial or damaged clone): the history shows no text for it [missing-object]"])
        let site = fixture.url.appending(path: "_site")
        #expect(try SiteFiles.text("guide/index.html", in: site).contains("and more"))
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "guide/history/\(first).md").path))
    }

    @Test func aMissingAttachmentIsLeftOutWithAWarning() throws {
        let (fixture, _) = try vault()
        _ = try removeBlob("map.png", at: "HEAD", in: fixture)
        let result = try CommonsBinary.run(["build", "--verbose"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        let head = try fixture.git("rev-parse", "--short=7", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.standardError.contains("map.png: warning: the repository lacks this file's content at commit \(head) (a partial or damaged clone): it is left out [missing-object]"),
                "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/map.png").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/clip.mp4").path))
    }

    @Test func aMissingNoteAtTheBuiltCommitIsWithheldWithAnError() throws {
        let (fixture, _) = try vault()
        _ = try removeBlob("Other.md", at: "HEAD", in: fixture)
        let result = try CommonsBinary.run(["build", "--verbose"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Other.md: error: the repository lacks this note's content at commit"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "_site/other/index.html").path))
        #expect(try CommonsBinary.run(["check"], in: fixture.url).status == 1, "check fails on a note it cannot publish")
    }

    @Test func missingSettingsStopTheBuildNamingTheFile() throws {
        let (fixture, _) = try vault()
        try fixture.write("commons.yml", "title: Guides\n")
        try fixture.commitAll("Settings")
        _ = try removeBlob("commons.yml", at: "HEAD", in: fixture)
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("commons.yml: error: the repository lacks this file's content"), "\(result.standardError)")
    }

    @Test func aPartialCloneBuildsWithItsHistory() throws {
        let (fixture, _) = try vault()
        _ = try fixture.git("config", "uploadpack.allowFilter", "true")
        let clone = fixture.enclosingFolder.appending(path: "partial").path
        let cloned = try Run.command(["git", "clone", "--quiet", "--filter=blob:none", "--no-local", "file://" + fixture.path, clone])
        #expect(cloned.status == 0, "\(cloned.standardError)")
        for command in [["build", "--verbose"], ["check"], ["bundle"]] {
            let result = try CommonsBinary.run(command, in: URL(fileURLWithPath: clone))
            #expect(result.status == 0, "\(command): \(result.standardError)")
        }
        let site = URL(fileURLWithPath: clone).appending(path: "_site")
        #expect(try SiteFiles.text("guide/index.html", in: site).contains("and more"))
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "map.png").path))
    }
}
