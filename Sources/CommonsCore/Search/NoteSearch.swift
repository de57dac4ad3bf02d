import CommonsGit
import Foundation

/// Full-text search over published notes, as an agent asks it: every word of the query but the small
/// ones ("how", "do", "my") must occur in the note (its title, aliases, tags, headings or text), each
/// word standing for every word of its stem ("callouts" finds "callout"); when no note has them all,
/// notes with any of them rank; a word that finds nothing finds the words a typing slip away (`Typos`).
/// Notes rank by BM25 over their sections, with a match in the title, an alias or a tag counting more
/// than one in the text, each stem's score rounded as the site's index holds it, so that the theme's
/// script ranks alike. A hit opens on the section that matched best. Built from the bundle's notes, so
/// it can find nothing the bundle withholds.
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
    /// Stems of section headings and text, with the sections holding them.
    private let postings: [String: [Posting]]
    /// Stems of titles and aliases, and tags, with the notes holding them.
    private let titleWords: [String: Set<Int>]
    private let tagWords: [String: Set<Int>]
    /// How many notes hold a stem anywhere, for its weight.
    private let noteFrequency: [String: Int]
    /// Every stem, sorted, so that the stems a prefix starts are one range.
    private let vocabulary: [String]
    /// What a word of each note's title counts for: BM25's length part over titles, as BM25F weighs a
    /// title field, so that "du" titled "du" outranks "docker buildx du" for "du", and an exact title
    /// comes first.
    private let titleWeight: [Double]
    /// Each note's first section, by its place in `sections`.
    private let firstSection: [Int]
    /// Each stem's score in each note that holds it (`stemScores()`), made once: what a query adds up.
    private var scoresByStem: [String: [WordScore]] = [:]

    /// One note's words, found on any core; merging them into the index is what stays serial.
    struct NoteWords: Sendable, Equatable {
        let titleWords: Set<String>
        /// The words of the title alone, for its length.
        let titleLength: Int
        let tagWords: Set<String>
        /// Each section's words with their counts, and its length in words.
        let sections: [Counts]

        struct Counts: Sendable, Equatable {
            let counts: [String: Int]
            let length: Int
        }

        init(titleWords: Set<String>, titleLength: Int, tagWords: Set<String>, sections: [Counts]) {
            (self.titleWords, self.titleLength, self.tagWords, self.sections) = (titleWords, titleLength, tagWords, sections)
        }

        init(_ note: BundleDocument.Note, folder: inout SearchWords.Folder) throws(BuildError) {
            var titleWords: Set<String> = [], tagWords: Set<String> = []
            for title in [note.title] + note.aliases { titleWords.formUnion(try folder.stems(title)) }
            titleLength = try folder.stems(note.title).count
            for tag in note.tags { tagWords.formUnion(try folder.stems(tag)) }
            (self.titleWords, self.tagWords) = (titleWords, tagWords)
            var sections: [Counts] = []
            for section in note.sections {
                // A heading's words count twice: a section is about what its heading names.
                let headingWords = try folder.stems(section.heading ?? "")
                let words = headingWords + headingWords + (try folder.stems(section.text))
                var counts: [String: Int] = [:]
                for word in words { counts[word, default: 0] += 1 }
                sections.append(Counts(counts: counts, length: words.count))
            }
            self.sections = sections
        }
    }

    /// Words a question is made of, which a note need not hold to be found, though they count where
    /// it does: Lucene's English stop words, with the words of a question ("how do I …").
    static let optionalWords = ["a", "about", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does",
        "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on",
        "or", "our", "should", "so", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "we",
        "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your"]
    private static let optional = Set(optionalWords)

    public init(_ notes: [BundleDocument.Note]) throws(BuildError) {
        try self.init(notes, words: nil)
    }

    /// `words` keeps each note's words for the next build, and gives the ones an earlier build found.
    init(_ notes: [BundleDocument.Note], words cache: DigestCache<NoteWords>?) throws(BuildError) {
        var sections: [Section] = []
        var postings: [String: [Posting]] = [:]
        var titleWords: [String: Set<Int>] = [:]
        var tagWords: [String: Set<Int>] = [:]
        var noteWords: [String: Set<Int>] = [:]
        let found = try Lanes.map(notes, lane: { () throws(BuildError) in try SearchWords.Folder() }) { (folder, note) throws(BuildError) in
            guard let cache else { return try NoteWords(note, folder: &folder) }
            return try cache.value(for: NoteWords.key(of: note), input: ()) { () throws(BuildError) in try NoteWords(note, folder: &folder) }
        }
        for (noteIndex, (note, words)) in zip(notes, found).enumerated() {
            for word in words.titleWords {
                titleWords[word, default: []].insert(noteIndex)
                noteWords[word, default: []].insert(noteIndex)
            }
            for word in words.tagWords {
                tagWords[word, default: []].insert(noteIndex)
                noteWords[word, default: []].insert(noteIndex)
            }
            for (section, counted) in zip(note.sections, words.sections) {
                let length = counted.length
                for (word, count) in counted.counts {
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
        vocabulary = noteWords.keys.sorted { $0.precedesInBytes($1) }
        averageLength = sections.isEmpty ? 1 : max(1, Double(sections.map(\.length).reduce(0, +)) / Double(sections.count))
        let averageTitle = found.isEmpty ? 1 : max(1, Double(found.map(\.titleLength).reduce(0, +)) / Double(found.count))
        titleWeight = found.map { 2.2 / (1 + 1.2 * (0.25 + 0.75 * Double($0.titleLength) / averageTitle)) }
        var firstSection: [Int] = Array(repeating: 0, count: notes.count)
        for index in sections.indices.reversed() { firstSection[sections[index].note] = index }
        self.firstSection = firstSection
        scoresByStem = scoreEachStem()
    }

    /// The best `limit` notes for `query`, best first; with `tag`, only notes that carry it.
    public func search(_ query: String, limit: Int, tag: String? = nil) throws(BuildError) -> [Hit] {
        var folder = try SearchWords.Folder()
        let terms = Array(Set(folder.words(query))).sorted()
        guard !terms.isEmpty, limit > 0 else { return [] }
        // Each stem's score in a note is the one the site's index holds, in thousandths, weighed and
        // added up as the theme's script adds them, so that the browser and an agent rank alike. A
        // note opens on the section of the greatest of the scores it adds up.
        var totals: [Int: Double] = [:]
        var best: [Int: (section: Int?, score: Double)] = [:]
        let required = Set(terms.filter { !Self.optional.contains($0) })
        var candidates: Set<Int>?
        var anyMatched: Set<Int> = []
        for term in terms {
            // A word counts once in a note: by the best of the stems it stands for, so that the many
            // stems two typed letters start cannot outweigh a whole word.
            var found: [Int: (section: Int?, score: Double)] = [:]
            for (stem, weight) in try expansions(of: term, folder: &folder) {
                for score in scoresByStem[stem] ?? [] {
                    let value = weight * Double(score.thousandths)
                    if found[score.note].map({ value > $0.score }) ?? true { found[score.note] = (score.section, value) }
                }
            }
            for (note, score) in found {
                totals[note, default: 0] += score.score
                if best[note].map({ score.score > $0.score }) ?? true { best[note] = score }
            }
            let matched = Set(found.keys)
            anyMatched.formUnion(matched)
            guard required.isEmpty || required.contains(term) else { continue }
            candidates = candidates.map { $0.intersection(matched) } ?? matched
        }
        // No note has every word: the notes with any rank, as the search engines answer.
        if candidates?.isEmpty ?? true { candidates = anyMatched }
        let ranked = (candidates ?? []).filter { note in
            tag.map { Self.note(notes[note], hasTag: $0) } ?? true
        }.map { note in
            (note: note, score: (totals[note] ?? 0) / 1000)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : notes[$0.note].id.precedesInBytes(notes[$1.note].id) }
        // Snippets cost the most, so only the hits returned get one.
        var stemmed: [(term: String, stem: String, prefix: Bool)] = []
        for term in terms {
            let stem = try folder.stem(term)
            stemmed.append((term, stem, standsForPrefix(term, stem: stem)))
        }
        var hits: [Hit] = []
        for ranking in ranked.prefix(limit) {
            let section = best[ranking.note]?.section.map { firstSection[ranking.note] + $0 }
            hits.append(try hit(note: ranking.note, section: section, score: ranking.score, terms: stemmed, folder: &folder))
        }
        return hits
    }

    /// A stem's whole score in one note, as a one-word query ranks it: its best section (nil when only
    /// the title, an alias or a tag holds it) and the score in thousandths, rounded as `search` rounds.
    struct WordScore: Sendable, Equatable {
        let note: Int
        /// The section's position in the note.
        let section: Int?
        let thousandths: Int
    }

    /// Every stem with its score in each note that holds it, stems in `vocabulary` order and notes in
    /// the order given: what a search index needs to rank a query without the notes' text.
    func stemScores() -> [(stem: String, scores: [WordScore])] {
        vocabulary.map { ($0, scoresByStem[$0] ?? []) }
    }

    /// Made once, when the search is: the site's index and every query read them.
    private func scoreEachStem() -> [String: [WordScore]] {
        Dictionary(uniqueKeysWithValues: vocabulary.map { word in
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
            for note in titleWords[word] ?? [] { noteScores[note, default: 0] += 3 * idf * titleWeight[note] }
            for note in tagWords[word] ?? [] { noteScores[note, default: 0] += 2 * idf }
            let holders = Set(best.keys).union(noteScores.keys).sorted()
            return (word, holders.map { note in
                let total = (best[note]?.score ?? 0) + (noteScores[note] ?? 0)
                return WordScore(note: note, section: best[note].map { $0.section - firstSection[note] }, thousandths: Int((total * 1000).rounded()))
            })
        })
    }

    /// Whether the note carries `tag`, written with or without `#`, compared without case or accents.
    public static func note(_ note: BundleDocument.Note, hasTag tag: String) -> Bool {
        let wanted = tagKey(tag)
        return note.tags.contains { tagKey($0) == wanted }
    }

    private static func tagKey(_ tag: String) -> String {
        SearchWords.folded(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag)
    }

    /// The word's stem; a word being typed (`standsForPrefix`: "calend", "ca") finds the stems it
    /// starts, which count less; and one that finds neither finds
    /// the stems a typing slip away (`Typos`), which count less too. A whole word does not stand for
    /// the longer ones it starts: "git" finding "gitmoji" and "gitk", rare words that weigh much, put
    /// them before the note named "git commit".
    private func expansions(of term: String, folder: inout SearchWords.Folder) throws(BuildError) -> [(String, Double)] {
        let stem = try folder.stem(term)
        var stems: [(String, Double)] = noteFrequency[stem] != nil ? [(stem, 1)] : []
        if standsForPrefix(term, stem: stem) {
            var index = lowerBound(term)
            while index < vocabulary.count, vocabulary[index].hasPrefix(term) {
                if vocabulary[index] != stem { stems.append((vocabulary[index], 0.5)) }
                index += 1
            }
        }
        guard stems.isEmpty, let bucket = Typos.bucket(of: stem) else { return stems }
        var index = lowerBound(bucket)
        while index < vocabulary.count, Typos.bucket(of: vocabulary[index]) == bucket {
            if Typos.near(stem, vocabulary[index]) { stems.append((vocabulary[index], 0.5)) }
            index += 1
        }
        return stems
    }

    /// The stems of the vocabulary by `Typos.bucket`, for the site's search to fetch one bucket's.
    func typoBuckets() -> [(bucket: String, stems: [String])] {
        var buckets: [(bucket: String, stems: [String])] = []
        for stem in vocabulary {
            guard let bucket = Typos.bucket(of: stem) else { continue }
            if buckets.last?.bucket == bucket { buckets[buckets.count - 1].stems.append(stem) } else { buckets.append((bucket, [stem])) }
        }
        return buckets
    }

    /// Whether `term` stands for the stems it starts: it has two letters or more and is no stem of the
    /// commons, as a word being typed is not; or it has two letters, which are most often the start of
    /// a word being typed even where the commons has them as a word ("ca" in "San Francisco, CA"),
    /// unless they are one of a question's small words ("do", "my").
    private func standsForPrefix(_ term: String, stem: String) -> Bool {
        let letters = term.count
        return letters >= 2 && (noteFrequency[stem] == nil || (letters == 2 && !Self.optional.contains(term)))
    }

    /// Whether a word of the text is one a term found: its stem is the term's, or starts with a term that
    /// stands for the stems it starts (`prefix`).
    private static func matches(_ word: String, _ terms: [(term: String, stem: String, prefix: Bool)], folder: inout SearchWords.Folder) throws(BuildError) -> Bool {
        let stem = try folder.stem(word)
        return terms.contains { stem == $0.stem || ($0.prefix && stem.hasPrefix($0.term)) }
    }

    private func lowerBound(_ word: String) -> Int {
        var low = 0, high = vocabulary.count
        while low < high {
            let middle = (low + high) / 2
            if vocabulary[middle].precedesInBytes(word) { low = middle + 1 } else { high = middle }
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

    private func hit(note index: Int, section sectionIndex: Int?, score: Double, terms: [(term: String, stem: String, prefix: Bool)],
                     folder: inout SearchWords.Folder) throws(BuildError) -> Hit {
        let note = notes[index]
        let section = sectionIndex.map { sections[$0] }
        let text = section?.text ?? note.sections.first?.text ?? ""
        let snippet = try SearchWords.snippet(of: text) { (word) throws(BuildError) in try Self.matches(word, terms, folder: &folder) }
        return Hit(id: note.id, title: note.title, url: note.url, anchor: section?.anchor, heading: section?.heading, snippet: snippet, score: score)
    }
}
