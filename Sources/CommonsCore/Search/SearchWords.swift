import Foundation

/// How search splits text into words: runs of letters and digits, compared without case or accents,
/// so that "Café" finds "cafe".
enum SearchWords {
    static func words(_ text: String) -> [String] {
        wordRanges(text).map { folded(String(text[$0])) }
    }

    /// Folds words the way `words` does, and stems them, remembering each spelling: a commons repeats
    /// its words many times over, and Foundation's folding costs far more than a lookup.
    struct Folder {
        private var known: [Substring: String] = [:]
        private var stems: [String: String] = [:]
        private let stemmer: Stemmer

        init() throws(BuildError) {
            stemmer = try Stemmer()
        }

        mutating func words(_ text: String) -> [String] {
            SearchWords.wordRanges(text).map { range in
                let spelling = text[range]
                if let folded = known[spelling] { return folded }
                let folded = SearchWords.folded(String(spelling))
                known[spelling] = folded
                return folded
            }
        }

        /// The stems of the words of `text`, which search indexes and looks up.
        mutating func stems(_ text: String) throws(BuildError) -> [String] {
            var stems: [String] = []
            for word in words(text) { stems.append(try stem(word)) }
            return stems
        }

        mutating func stem(_ word: String) throws(BuildError) -> String {
            if let stem = stems[word] { return stem }
            let stem = try stemmer.stem(word)
            stems[word] = stem
            return stem
        }
    }

    static func folded(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// About thirty words of `text` around the first word `matches` (given its folded spelling), with
    /// `…` where it was cut.
    static func snippet(of text: String, before: Int = 10, after: Int = 20, matches: (String) throws(BuildError) -> Bool) throws(BuildError) -> String {
        let ranges = wordRanges(text)
        guard !ranges.isEmpty else { return "" }
        var first = 0
        for (index, range) in ranges.enumerated() where try matches(folded(String(text[range]))) {
            first = index
            break
        }
        let start = max(0, first - before), end = min(ranges.count - 1, first + after)
        let lowerBound = start == 0 ? text.startIndex : ranges[start].lowerBound
        let upperBound = end == ranges.count - 1 ? text.endIndex : ranges[end].upperBound
        let excerpt = text[lowerBound..<upperBound].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return (start == 0 ? "" : "…") + excerpt + (end == ranges.count - 1 ? "" : "…")
    }

    fileprivate static func wordRanges(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWordCharacter = text[index].isLetter || text[index].isNumber
            if isWordCharacter, start == nil { start = index }
            if !isWordCharacter, let wordStart = start {
                ranges.append(wordStart..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let start { ranges.append(start..<text.endIndex) }
        return ranges
    }
}
