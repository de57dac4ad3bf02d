@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// The site's search index: what a query downloads, and that it ranks as `commons mcp` does.
@Suite struct SiteSearchIndexTests {
    static let vocabulary = ("knowledge commons note link graph history commit garden idea draft review source reader "
        + "writer version change merge branch publish private public archive index search context agent").split(separator: " ").map(String.init)

    /// Notes like the benchmark's generated ones: a small shared vocabulary, so that common words are
    /// in nearly every note, and one word of each note's own. In id order, as the bundle has them.
    static func notes(_ count: Int) -> [(pagePath: String, folder: String, note: BundleDocument.Note)] {
        // A fixed linear congruential sequence: the same notes every run.
        var state: UInt64 = 11
        func sentence(_ words: Int) -> String {
            (0..<words).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return vocabulary[Int((state >> 33) % UInt64(vocabulary.count))]
            }.joined(separator: " ")
        }
        return (0..<count).map { number in
            let id = String(format: "topic-%02d/note-%05d", number % 40, number)
            let sections = ["Overview", "Details"].map { heading in
                BundleDocument.Section(anchor: heading.lowercased(), heading: heading, text: sentence(14) + " unique\(number) " + sentence(6), tokens: 0)
            }
            let note = BundleDocument.Note(
                id: id, path: id + ".md", url: "/\(id)/", title: "Note \(number) " + sentence(2), aliases: [],
                tags: [vocabulary[number % vocabulary.count]], frontMatter: FrontMatterJSON(value: .mapping([])), created: nil, updated: nil,
                authors: [], revisions: 0, historyTruncated: false, markdown: "", text: "", headings: [], sections: sections,
                links: [], backlinks: [], history: [], placedLinks: [], sectionSpans: [])
            return (id + "/", NoteID(path: id + ".md").folder, note)
        }.sorted { $0.note.id.utf8.lexicographicallyPrecedes($1.note.id.utf8) }
    }

    static func bytes(_ files: [OutputFile]) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: files.map { file in
            guard case .bytes(let bytes) = file.contents else { fatalError("\(file.path) is not bytes") }
            return (file.path, bytes)
        })
    }

    /// What the theme's script fetches for a one-word query and its first ten results: the manifest, the
    /// pieces that can hold the word, the title tables and the fragments of those results.
    static func downloaded(for word: String, files: [String: [UInt8]], notes: [(pagePath: String, folder: String, note: BundleDocument.Note)],
                           search: NoteSearch) throws -> Int {
        struct Manifest: Decodable {
            let notesPerTable: Int
            let pieces: [String]
        }
        let manifestBytes = try #require(files["search/index.json"])
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifestBytes))
        let first = manifest.pieces.lastIndex { !word.utf16.lexicographicallyPrecedes($0.utf16) } ?? 0
        var pieces = [first]
        while word.count >= 3, pieces.last! + 1 < manifest.pieces.count, manifest.pieces[pieces.last! + 1].hasPrefix(word) {
            pieces.append(pieces.last! + 1)
        }
        let numbers = try search.search(word, limit: 10).map { hit in notes.firstIndex { $0.note.id == hit.id }! }
        let tables = Set(numbers.map { $0 / manifest.notesPerTable }).map { "search/notes/\($0).json" }
        let fragments = numbers.map { SiteSearchIndex.fragmentPath(of: notes[$0].pagePath) }
        let paths = ["search/index.json"] + pieces.map { "search/words/\($0).json" } + tables + fragments
        return try paths.reduce(0) { total, path in total + (try #require(files[path], "\(path) is missing")).count }
    }

    @Test func aOneWordQueryOnTenThousandNotesDownloadsAFewHundredKilobytes() throws {
        let notes = Self.notes(10_000)
        let files = Self.bytes(try SiteSearchIndex.files(notes))
        let total = files.filter { $0.key.hasPrefix("search/") }.values.reduce(0) { $0 + $1.count }
        let search = try NoteSearch(notes.map(\.note))
        for word in ["graph", "unique4321", "note"] {
            let downloaded = try Self.downloaded(for: word, files: files, notes: notes, search: search)
            #expect(downloaded <= 300_000, "a search for \(word) downloads \(downloaded) bytes of an index of \(total)")
        }
        #expect(try #require(files["search/index.json"]).count <= 16_000)
    }

    @Test func piecesHoldTheSortedVocabularyAndEveryScore() throws {
        let notes = Self.notes(300)
        let files = Self.bytes(try SiteSearchIndex.files(notes))
        struct Manifest: Decodable {
            let notes: Int
            let pieces: [String]
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try #require(files["search/index.json"])))
        #expect(manifest.notes == 300)
        #expect(manifest.pieces == manifest.pieces.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        var words: [String: [Int]] = [:]
        for number in manifest.pieces.indices {
            let piece = try JSONDecoder().decode([String: [Int]].self, from: Data(try #require(files["search/words/\(number).json"])))
            for word in piece.keys {
                #expect(word.utf16.lexicographicallyPrecedes(manifest.pieces[number].utf16) == false)
                if number + 1 < manifest.pieces.count { #expect(word.utf16.lexicographicallyPrecedes(manifest.pieces[number + 1].utf16)) }
            }
            words.merge(piece) { first, _ in first }
        }
        // A one-word query's ranking, read back from the index, is the one `commons mcp` answers with.
        let search = try NoteSearch(notes.map(\.note))
        // Words that start no longer word, whose ranking has no prefix matches to add.
        for word in ["graph", "unique299", "overview", "note"] {
            let flat = try #require(words[word])
            var scores: [(note: Int, score: Int)] = []
            var note = 0
            for index in stride(from: 0, to: flat.count, by: 3) {
                note += flat[index]
                scores.append((note, flat[index + 2]))
            }
            let ranked = scores.sorted { $0.score != $1.score ? $0.score > $1.score : $0.note < $1.note }.prefix(10).map { notes[$0.note].note.id }
            let answered = try search.search(word, limit: 10).map(\.id)
            #expect(ranked == answered, "\(word)")
        }
        #expect(files["topic-00/note-00000/index.json"] != nil)
    }
}
