@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// A reading of a note's published Markdown kept by one build is the reading the next build would
/// make, and a damaged cache file is read again, never trusted.
@Suite struct BodyCacheTests {
    /// Texts as vaults hold them: no title heading, comments, HTML, block ids, callouts, embeds of
    /// sections and blocks, Markdown links, tags, tables, code, math, CRLF lines, scripts beyond ASCII;
    /// and this project's own docs.
    static func texts() throws -> [String] {
        let written = [
            "",
            "Just a line, no heading. [[Other note]] and [[Other note#Part|its part]] #idea\n",
            "Intro before any heading.\r\n\r\n## Part\r\n\r\nText ^block-1\r\n\r\n![[Leaf#^block-1]]\r\n",
            "> [!note] A callout\n> with [a link](Leaf.md#part) and `code [[not a link]]`\n\n<div>raw <b>HTML</b></div>\n",
            "| a | b |\n|---|---|\n| [[Cell]] | $x^2$ |\n\n```swift\nlet x = \"[[fenced]]\"\n```\n\n# Late title\n\nÜber 日本語 🦀 [[Straße]]\n",
            "# Title\n\n# Title\n\nRepeated headings, ![[Picture.png|200]] and ![[Note]].\n",
        ]
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "content")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count > 10, "the project's docs are read")
        return try written + names.map { try String(contentsOf: docs.appending(path: $0), encoding: .utf8) }
    }

    @Test func aKeptReadingIsTheReadingMadeAgain() throws {
        let folder = try TemporaryFolder.make(prefix: "body-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = try Self.texts()
        let first = BodyCache.load(from: store)
        for text in texts { _ = first.body(of: text) }
        first.save(to: store)
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: BodyCache.fileName).path))

        let next = BodyCache.load(from: store)
        for text in texts {
            #expect(next.body(of: text) == PublishedBody(text), "\(text.prefix(60))")
        }
        #expect(first.made == Set(texts).count)
        #expect(next.made == 0, "every reading was kept")
    }

    /// Every cut of the file is refused whole, and each reading is then made again.
    @Test func aCutFileIsReadAgain() throws {
        let folder = try TemporaryFolder.make(prefix: "body-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = Array(try Self.texts().prefix(6))
        let cache = BodyCache.load(from: store)
        for text in texts { _ = cache.body(of: text) }
        cache.save(to: store)
        let file = folder.appending(path: BodyCache.fileName)
        let whole = try Data(contentsOf: file)
        for end in stride(from: 0, to: whole.count, by: max(1, whole.count / 200)) {
            try whole.prefix(end).write(to: file)
            let cut = BodyCache.load(from: store)
            for text in texts {
                #expect(cut.body(of: text) == PublishedBody(text), "cut at \(end)")
            }
        }
    }

    /// A changed byte anywhere, which could make a reading read as another, is caught by the
    /// file's checksum: every reading is made again.
    @Test func aDamagedFileIsReadAgain() throws {
        let folder = try TemporaryFolder.make(prefix: "body-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = ["Intro.\n\n## Part\n\n[[Leaf]] and [[Other|text]]\n", "[[Leaf#Part]] #tag\n"]
        let cache = BodyCache.load(from: store)
        for text in texts { _ = cache.body(of: text) }
        cache.save(to: store)
        let file = folder.appending(path: BodyCache.fileName)
        let whole = [UInt8](try Data(contentsOf: file))
        let header = whole.firstIndex(of: UInt8(ascii: "\n"))! + 1
        for index in header..<whole.count {
            var damaged = whole
            damaged[index] ^= 0x20
            try Data(damaged).write(to: file)
            let read = BodyCache.load(from: store)
            for text in texts {
                #expect(read.body(of: text) == PublishedBody(text), "byte \(index) changed")
            }
        }
    }
}
