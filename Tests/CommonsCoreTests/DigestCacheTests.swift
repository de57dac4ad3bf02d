@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// A value kept by one build (a reading of a note's published Markdown, a note's search words) is
/// the value the next build would make, and a damaged cache file is read again, never trusted.
@Suite struct DigestCacheTests {
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
        let first = PublishedBody.cache().loaded(from: store)
        for text in texts { _ = PublishedBody.of(text, in: first) }
        first.save(to: store)
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "bodies.cache").path))

        let next = PublishedBody.cache().loaded(from: store)
        for text in texts {
            #expect(PublishedBody.of(text, in: next) == PublishedBody(text), "\(text.prefix(60))")
        }
        #expect(first.made == Set(texts).count)
        #expect(next.made == 0, "every reading was kept")
    }

    /// A build that keeps most readings and makes one writes the kept ones back as they were read,
    /// not encoded again: the build after it finds every one, each the reading made afresh.
    @Test func keptReadingsOutliveABuildThatMadeAnother() throws {
        let folder = try TemporaryFolder.make(prefix: "body-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = try Self.texts()
        let first = PublishedBody.cache().loaded(from: store)
        for text in texts.dropLast() { _ = PublishedBody.of(text, in: first) }
        first.save(to: store)

        let second = PublishedBody.cache().loaded(from: store)
        for text in texts { _ = PublishedBody.of(text, in: second) }
        #expect(second.made == 1, "only the new text was read")
        second.save(to: store)

        let third = PublishedBody.cache().loaded(from: store)
        for text in texts {
            #expect(PublishedBody.of(text, in: third) == PublishedBody(text), "\(text.prefix(60))")
        }
        #expect(third.made == 0, "every reading was kept")
    }

    /// Every cut of the file is refused whole, and each reading is then made again.
    @Test func aCutFileIsReadAgain() throws {
        let folder = try TemporaryFolder.make(prefix: "body-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = Array(try Self.texts().prefix(6))
        let cache = PublishedBody.cache().loaded(from: store)
        for text in texts { _ = PublishedBody.of(text, in: cache) }
        cache.save(to: store)
        let file = folder.appending(path: "bodies.cache")
        let whole = try Data(contentsOf: file)
        for end in stride(from: 0, to: whole.count, by: max(1, whole.count / 200)) {
            try whole.prefix(end).write(to: file)
            let cut = PublishedBody.cache().loaded(from: store)
            for text in texts {
                #expect(PublishedBody.of(text, in: cut) == PublishedBody(text), "cut at \(end)")
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
        let cache = PublishedBody.cache().loaded(from: store)
        for text in texts { _ = PublishedBody.of(text, in: cache) }
        cache.save(to: store)
        let file = folder.appending(path: "bodies.cache")
        let whole = [UInt8](try Data(contentsOf: file))
        let header = whole.firstIndex(of: UInt8(ascii: "\n"))! + 1
        for index in header..<whole.count {
            var damaged = whole
            damaged[index] ^= 0x20
            try Data(damaged).write(to: file)
            let read = PublishedBody.cache().loaded(from: store)
            for text in texts {
                #expect(PublishedBody.of(text, in: read) == PublishedBody(text), "byte \(index) changed")
            }
        }
    }

    /// A note's search words read back as found, for the notes of a bundle as the build makes them.
    @Test func keptSearchWordsAreTheWordsFoundAgain() throws {
        let folder = try TemporaryFolder.make(prefix: "words-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CacheStore(folder: folder)
        let texts = try Self.texts()
        let notes = texts.enumerated().map { index, text in
            let body = PublishedBody(text)
            let sections = body.sections.map { BundleDocument.Section(anchor: $0.heading?.anchor, heading: $0.heading?.text, text: $0.text, tokens: 0) }
            return BundleDocument.Note(id: "note-\(index)", path: "Note \(index).md", url: "", title: body.openingHeading ?? "Note \(index)",
                                       aliases: index % 3 == 0 ? ["Also \(index)"] : [], tags: body.tags, frontMatter: FrontMatterJSON(value: .mapping([])),
                                       created: nil, updated: nil, authors: [], revisions: 0, historyTruncated: false, markdown: text, text: "",
                                       headings: [], sections: sections, links: [], backlinks: [], history: [], placedLinks: [], sectionSpans: [])
        }
        let first = NoteSearch.NoteWords.cache().loaded(from: store)
        let fresh = try NoteSearch(notes, words: first)
        first.save(to: store)
        let next = NoteSearch.NoteWords.cache().loaded(from: store)
        let kept = try NoteSearch(notes, words: next)
        #expect(first.made == Set(notes.map { NoteSearch.NoteWords.key(of: $0) }).count)
        #expect(next.made == 0, "every note's words were kept")
        for query in ["commons", "build", "the site", "leaf", "title", "x", "note"] {
            #expect(try kept.search(query, limit: 20) == fresh.search(query, limit: 20), "\(query)")
        }
        var folderOfWords = try SearchWords.Folder()
        for note in notes {
            let words = try NoteSearch.NoteWords(note, folder: &folderOfWords)
            var writer = BinaryWriter()
            words.write(into: &writer)
            var reader = BinaryReader(writer.bytes)
            #expect(try NoteSearch.NoteWords(reading: &reader, for: ()) == words)
            #expect(reader.isAtEnd)
        }
    }
}
