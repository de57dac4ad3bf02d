import CommonsGit
import Foundation

/// Full-text search over published notes, as an agent asks it: every word of the query must occur in
/// the note (its title, aliases, tags, headings or text), and notes rank by BM25 over their sections,
/// with a match in the title, an alias or a tag counting more than one in the text. A hit opens on the
/// section that matched best. Built from the bundle's notes, so it can find nothing the bundle withholds.
public struct NoteSearch: Sendable {
    public struct Hit: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let url: String
        /// The best section's heading anchor; nil when the part before the first heading matched best.
        public let anchor: String?
        public let heading: String?
        /// Words around the first match in that section.
        public let snippet: String
        public let score: Double
    }

    private struct Section: Sendable {
        let note: Int
        let anchor: String?
        let heading: String?
        let text: String
        let length: Int
    }

    private struct Posting: Sendable {
        let section: Int
        let count: Int
    }

    private let notes: [BundleDocument.Note]
    private let sections: [Section]
    private let averageLength: Double
    /// Words of section headings and text, with the sections holding them.
    private let postings: [String: [Posting]]
    /// Words of titles and aliases, and tags, with the notes holding them.
    private let titleWords: [String: Set<Int>]
    private let tagWords: [String: Set<Int>]
    /// How many notes hold a word anywhere, for its weight.
    private let noteFrequency: [String: Int]
    /// Every word, sorted, so that the words a prefix starts are one range.
    private let vocabulary: [String]

    /// One note's words, found on any core; merging them into the index is what stays serial.
    private struct NoteWords: Sendable {
        let titleWords: Set<String>
        let tagWords: Set<String>
        /// Each section's words with their counts, and its length in words.
        let sections: [(counts: [String: Int], length: Int)]

        init(_ note: BundleDocument.Note, folder: inout SearchWords.Folder) {
            titleWords = Set(([note.title] + note.aliases).flatMap { folder.words($0) })
            tagWords = Set(note.tags.flatMap { folder.words($0) })
            sections = note.sections.map { section in
                // A heading's words count twice: a section is about what its heading names.
                let headingWords = folder.words(section.heading ?? "")
                let words = headingWords + headingWords + folder.words(section.text)
                var counts: [String: Int] = [:]
                for word in words { counts[word, default: 0] += 1 }
                return (counts, words.count)
            }
        }
    }

    public init(_ notes: [BundleDocument.Note]) {
        var sections: [Section] = []
        var postings: [String: [Posting]] = [:]
        var titleWords: [String: Set<Int>] = [:]
        var tagWords: [String: Set<Int>] = [:]
        var noteWords: [String: Set<Int>] = [:]
        let found = Lanes.map(notes, lane: { SearchWords.Folder() }) { folder, note in NoteWords(note, folder: &folder) }
        for (noteIndex, (note, words)) in zip(notes, found).enumerated() {
            for word in words.titleWords {
                titleWords[word, default: []].insert(noteIndex)
                noteWords[word, default: []].insert(noteIndex)
            }
            for word in words.tagWords {
                tagWords[word, default: []].insert(noteIndex)
                noteWords[word, default: []].insert(noteIndex)
            }
            for (section, (counts, length)) in zip(note.sections, words.sections) {
                for (word, count) in counts {
                    postings[word, default: []].append(Posting(section: sections.count, count: count))
                    noteWords[word, default: []].insert(noteIndex)
                }
                sections.append(Section(note: noteIndex, anchor: section.anchor, heading: section.heading, text: section.text, length: length))
            }
        }
        self.notes = notes
        self.sections = sections
        self.postings = postings
        self.titleWords = titleWords
        self.tagWords = tagWords
        noteFrequency = noteWords.mapValues(\.count)
        vocabulary = noteWords.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        averageLength = sections.isEmpty ? 1 : max(1, Double(sections.map(\.length).reduce(0, +)) / Double(sections.count))
    }

    /// The best `limit` notes for `query`, best first; with `tag`, only notes that carry it.
    public func search(_ query: String, limit: Int, tag: String? = nil) -> [Hit] {
        let terms = Array(Set(SearchWords.words(query))).sorted()
        guard !terms.isEmpty, limit > 0 else { return [] }
        var sectionScores: [Int: Double] = [:]
        var noteScores: [Int: Double] = [:]
        var candidates: Set<Int>?
        for term in terms {
            var matched: Set<Int> = []
            for (word, weight) in expansions(of: term) {
                let idf = inverseFrequency(word)
                for posting in postings[word] ?? [] {
                    let section = sections[posting.section]
                    sectionScores[posting.section, default: 0] += weight * idf * saturated(posting.count, length: section.length)
                    matched.insert(section.note)
                }
                for note in titleWords[word] ?? [] {
                    noteScores[note, default: 0] += 3 * weight * idf
                    matched.insert(note)
                }
                for note in tagWords[word] ?? [] {
                    noteScores[note, default: 0] += 2 * weight * idf
                    matched.insert(note)
                }
            }
            candidates = candidates.map { $0.intersection(matched) } ?? matched
        }
        var best: [Int: (section: Int, score: Double)] = [:]
        for (index, score) in sectionScores {
            let note = sections[index].note
            guard candidates?.contains(note) == true else { continue }
            if let current = best[note], current.score > score || (current.score == score && current.section < index) { continue }
            best[note] = (index, score)
        }
        // Rounded before ranking, so that the order is the order of the scores an answer shows.
        let ranked = (candidates ?? []).filter { note in
            tag.map { Self.note(notes[note], hasTag: $0) } ?? true
        }.map { note in
            (note: note, score: (((best[note]?.score ?? 0) + (noteScores[note] ?? 0)) * 1000).rounded() / 1000)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : notes[$0.note].id.utf8.lexicographicallyPrecedes(notes[$1.note].id.utf8) }
        // Snippets cost the most, so only the hits returned get one.
        return ranked.prefix(limit).map { hit(note: $0.note, section: best[$0.note]?.section, score: $0.score, terms: terms) }
    }

    /// A word's whole score in one note, as a one-word query ranks it: its best section (nil when only
    /// the title, an alias or a tag holds it) and the score in thousandths, rounded as `search` rounds.
    struct WordScore: Sendable, Equatable {
        let note: Int
        /// The section's position in the note.
        let section: Int?
        let thousandths: Int
    }

    /// Every word with its score in each note that holds it, words in `vocabulary` order and notes in
    /// the order given: what a search index needs to rank a query without the notes' text.
    func wordScores() -> [(word: String, scores: [WordScore])] {
        var firstSection: [Int] = Array(repeating: 0, count: notes.count)
        for index in sections.indices.reversed() { firstSection[sections[index].note] = index }
        return vocabulary.map { word in
            let idf = inverseFrequency(word)
            var best: [Int: (section: Int, score: Double)] = [:]
            for posting in postings[word] ?? [] {
                let section = sections[posting.section]
                let score = idf * saturated(posting.count, length: section.length)
                // Postings run in section order, so the first of equal scores is kept, as `search` keeps it.
                if let current = best[section.note], current.score >= score { continue }
                best[section.note] = (posting.section, score)
            }
            var noteScores: [Int: Double] = [:]
            for note in titleWords[word] ?? [] { noteScores[note, default: 0] += 3 * idf }
            for note in tagWords[word] ?? [] { noteScores[note, default: 0] += 2 * idf }
            let holders = Set(best.keys).union(noteScores.keys).sorted()
            return (word, holders.map { note in
                let total = (best[note]?.score ?? 0) + (noteScores[note] ?? 0)
                return WordScore(note: note, section: best[note].map { $0.section - firstSection[note] }, thousandths: Int((total * 1000).rounded()))
            })
        }
    }

    /// Whether the note carries `tag`, written with or without `#`, compared without case or accents.
    public static func note(_ note: BundleDocument.Note, hasTag tag: String) -> Bool {
        let wanted = tagKey(tag)
        return note.tags.contains { tagKey($0) == wanted }
    }

    private static func tagKey(_ tag: String) -> String {
        SearchWords.folded(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag)
    }

    /// The word itself, and for three letters or more the longer words it starts, which count less:
    /// "graph" finds "graphs", as people expect of a search box.
    private func expansions(of term: String) -> [(String, Double)] {
        var words: [(String, Double)] = noteFrequency[term] != nil ? [(term, 1)] : []
        guard term.count >= 3 else { return words }
        var index = lowerBound(term)
        while index < vocabulary.count, vocabulary[index].hasPrefix(term) {
            if vocabulary[index] != term { words.append((vocabulary[index], 0.5)) }
            index += 1
        }
        return words
    }

    private func lowerBound(_ word: String) -> Int {
        var low = 0, high = vocabulary.count
        while low < high {
            let middle = (low + high) / 2
            if vocabulary[middle].utf8.lexicographicallyPrecedes(word.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func inverseFrequency(_ word: String) -> Double {
        let frequency = Double(noteFrequency[word] ?? 0)
        return log(1 + (Double(notes.count) - frequency + 0.5) / (frequency + 0.5))
    }

    /// BM25's term-frequency part, with its usual k1 = 1.2 and b = 0.75.
    private func saturated(_ count: Int, length: Int) -> Double {
        let count = Double(count)
        return count * 2.2 / (count + 1.2 * (0.25 + 0.75 * Double(length) / averageLength))
    }

    private func hit(note index: Int, section sectionIndex: Int?, score: Double, terms: [String]) -> Hit {
        let note = notes[index]
        let section = sectionIndex.map { sections[$0] }
        let text = section?.text ?? note.sections.first?.text ?? ""
        return Hit(id: note.id, title: note.title, url: note.url, anchor: section?.anchor, heading: section?.heading,
                   snippet: SearchWords.snippet(of: text, around: terms), score: score)
    }
}
