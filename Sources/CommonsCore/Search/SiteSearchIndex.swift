import CommonsGit
import Foundation

/// Stage: the site's search index, the files the theme's script queries in the reader's browser. It is
/// the ranking `commons mcp` searches with, cut into pieces so that a query downloads only the words it
/// names: a short manifest of where each piece of the sorted vocabulary starts, the pieces (each word
/// with its score in every note that holds it), and small tables of note titles. Snippets and link
/// previews read each note's text from a fragment beside its page. All of it is made from the bundle's
/// notes, so it can hold nothing the bundle withholds.
enum SiteSearchIndex {
    static let folder = SearchPage.folder
    /// How many notes one table of titles holds.
    static let notesPerTable = 100
    /// The size a piece of the vocabulary grows to before the next one starts; one word's scores may
    /// make a piece larger, since a word is never split.
    static let pieceBytes = 32 * 1024

    struct Manifest: Encodable {
        /// 2: the vocabulary is of stems.
        let version = 2
        let notes: Int
        let notesPerTable: Int
        /// Words of a query a note need not hold (`NoteSearch.optionalWords`).
        let optional = NoteSearch.optionalWords
        /// The first word of each piece, in the order of JavaScript's string comparison.
        let pieces: [String]
    }

    /// A note's text as search snippets and link previews show it.
    struct Fragment: Encodable {
        struct Section: Encodable {
            let anchor: String?
            let heading: String?
            let text: String
        }
        let title: String
        let tags: [String]
        let sections: [Section]
    }

    /// `notes` are the bundle's notes, in its order (by id), each with its page's path. That order
    /// numbers them, and the script breaks ties between equal scores by number, as `NoteSearch` does by id.
    /// `folder`: the folder of the note's file below the content folder, which a result names.
    /// `words` keeps each note's search words for the next build.
    static func files(_ notes: [(pagePath: String, folder: String, note: BundleDocument.Note)],
                      words: DigestCache<NoteSearch.NoteWords>? = nil) throws -> [OutputFile] {
        let encoder = BundleEncoder()
        let search = try NoteSearch(notes.map(\.note), words: words)
        // JavaScript compares strings by UTF-16 code units, and the script looks stems up by that order.
        let words = search.stemScores().sorted { $0.stem.utf16.lexicographicallyPrecedes($1.stem.utf16) }

        var pieces: [(first: String, entries: [String: [Int]])] = []
        var pieceSize = 0
        for (word, scores) in words {
            var flat: [Int] = []
            flat.reserveCapacity(scores.count * 3)
            var previous = 0
            for score in scores {
                // Note numbers as the gap from the one before, which keeps common words small.
                flat += [score.note - previous, score.section.map { $0 + 1 } ?? 0, score.thousandths]
                previous = score.note
            }
            let size = word.utf8.count + flat.count * 4
            if pieces.isEmpty || pieceSize + size > pieceBytes && !pieces[pieces.count - 1].entries.isEmpty {
                pieces.append((word, [:]))
                pieceSize = 0
            }
            pieces[pieces.count - 1].entries[word] = flat
            pieceSize += size
        }

        var files = [OutputFile(path: folder + "index.json", bytes: try encoder.encode(
            Manifest(notes: notes.count, notesPerTable: notesPerTable, pieces: pieces.map(\.first))))]
        for (number, piece) in pieces.enumerated() {
            files.append(OutputFile(path: folder + "words/\(number).json", bytes: try encoder.encode(piece.entries)))
        }
        // The stems by their first two letters, for a query word with a typing slip (`Typos`).
        for (bucket, stems) in search.typoBuckets() {
            files.append(OutputFile(path: folder + "near/\(bucket).json", bytes: try encoder.encode(stems)))
        }
        for start in stride(from: 0, to: notes.count, by: notesPerTable) {
            // Each note's page, title and, when it is in one, its folder as the commons names it (not its
            // URL's slugs), so that results of one title tell apart.
            let table = notes[start..<min(notes.count, start + notesPerTable)].map { entry in
                let row = [SitePath.encode(entry.pagePath), entry.note.title]
                return entry.folder.isEmpty ? row : row + [entry.folder]
            }
            files.append(OutputFile(path: folder + "notes/\(start / notesPerTable).json", bytes: try encoder.encode(table)))
        }
        return files + (try Lanes.map(notes, lane: { BundleEncoder() }) { encoder, entry in
            let fragment = Fragment(title: entry.note.title, tags: entry.note.tags, sections: entry.note.sections.map {
                Fragment.Section(anchor: $0.anchor, heading: $0.heading, text: $0.text)
            })
            return OutputFile(path: fragmentPath(of: entry.pagePath), bytes: try encoder.encode(fragment))
        })
    }

    /// Where a note's fragment lives: beside its page, so a link's own URL leads to it.
    static func fragmentPath(of pagePath: String) -> String {
        pagePath + "index.json"
    }
}
