import CStemmer

/// Snowball's English stemmer, from libstemmer: "callout" and "callouts", "link" and "linking" are one word
/// to search. It owns its C stemmer, which keeps its state between calls: each thread needs its own.
/// The theme's script has the same algorithm (`stem` in assets/search.js), held to this one by a test.
final class Stemmer {
    private let stemmer: OpaquePointer

    init() throws(BuildError) {
        // NULL only for an algorithm or encoding the library lacks, or for want of memory.
        guard let stemmer = sb_stemmer_new("english", "UTF_8") else {
            throw BuildError("libstemmer could not make its English stemmer for UTF-8")
        }
        self.stemmer = stemmer
    }

    deinit {
        sb_stemmer_delete(stemmer)
    }

    /// The stem of a folded word (lowercase, without accents, as `SearchWords` gives it).
    func stem(_ word: String) throws(BuildError) -> String {
        // Snowball leaves words of fewer than three letters as they are.
        guard word.unicodeScalars.count >= 3 else { return word }
        var word = word
        let stemmed: String? = word.withUTF8 { bytes in
            guard let result = sb_stemmer_stem(stemmer, bytes.baseAddress, Int32(bytes.count)) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(stemmer))), as: UTF8.self)
        }
        guard let stemmed else { throw BuildError("libstemmer ran out of memory stemming a word") }
        return stemmed
    }
}
