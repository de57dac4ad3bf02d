/// Typing slips search forgives, as the best site searches do: a word of four letters or more that
/// finds no stem finds the stems one edit away (a letter added, dropped or changed), and from eight
/// letters two edits ("calout" finds "callout"). Only stems that begin with the same two letters are
/// near, so that the site's search fetches one small list of them rather than the whole vocabulary,
/// as Lucene's fuzzy queries keep a prefix; a slip in the first two letters is not forgiven.
/// The theme's script measures as this does.
enum Typos {
    /// The first two characters, which near stems share; nil for a stem too short to have slips.
    static func bucket(of stem: String) -> String? {
        let scalars = stem.unicodeScalars
        guard scalars.count >= 2 else { return nil }
        return String(String.UnicodeScalarView(scalars.prefix(2)))
    }

    /// Whether `candidate` is within the edits `stem`'s length allows (Levenshtein, by code points).
    static func near(_ stem: String, _ candidate: String) -> Bool {
        let word = Array(stem.unicodeScalars), other = Array(candidate.unicodeScalars)
        guard word.count >= 4 else { return false }
        let allowed = word.count >= 8 ? 2 : 1
        guard abs(word.count - other.count) <= allowed else { return false }
        var previous = Array(0...other.count)
        for (row, letter) in word.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: other.count)
            for column in other.indices {
                current[column + 1] = min(previous[column + 1] + 1, current[column] + 1, previous[column] + (letter == other[column] ? 0 : 1))
            }
            guard current.min()! <= allowed else { return false }
            previous = current
        }
        return previous[other.count] <= allowed
    }
}
