import Foundation

/// How search splits text into words: runs of letters and digits, compared without case or accents,
/// so that "Café" finds "cafe".
enum SearchWords {
    static func words(_ text: String) -> [String] {
        wordRanges(text).map { folded(String(text[$0])) }
    }

    /// Folds words the way `words` does, remembering each spelling: a commons repeats its words many
    /// times over, and Foundation's folding costs far more than a lookup.
    struct Folder {
        private var known: [Substring: String] = [:]

        mutating func words(_ text: String) -> [String] {
            SearchWords.wordRanges(text).map { range in
                let spelling = text[range]
                if let folded = known[spelling] { return folded }
                let folded = SearchWords.folded(String(spelling))
                known[spelling] = folded
                return folded
            }
        }
    }

    static func folded(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// About thirty words of `text` around the first word matching a term (or starting with one), with
    /// `…` where it was cut.
    static func snippet(of text: String, around terms: [String], before: Int = 10, after: Int = 20) -> String {
        let ranges = wordRanges(text)
        guard !ranges.isEmpty else { return "" }
        let first = ranges.firstIndex { range in
            let word = folded(String(text[range]))
            return terms.contains { word == $0 || ($0.count >= 3 && word.hasPrefix($0)) }
        } ?? 0
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
