@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// The stems search finds words by, from libstemmer at build time and from the theme's script in a
/// reader's browser: the two must agree on every word, or a query misses the notes that hold it.
@Suite struct StemmerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: [
        ("callouts", "callout"), ("linking", "link"), ("generalization", "general"), ("happiness", "happi"),
        ("skies", "sky"), ("news", "news"), ("go", "go"), ("café", "café"),
    ])
    func libstemmerStemsEnglish(word: String, stem: String) throws {
        #expect(try Stemmer().stem(word) == stem)
    }

    /// Every word of the project's documentation, and each with the endings the algorithm takes apart,
    /// stemmed by both.
    @Test func theThemesStemmerAgreesWithLibstemmer() throws {
        var folder = try SearchWords.Folder()
        var words: Set<String> = []
        let content = Self.root.appending(path: "content")
        for case let file as URL in FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)! where file.pathExtension == "md" {
            words.formUnion(folder.words(try String(contentsOf: file, encoding: .utf8)))
        }
        let endings = ["s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly", "ness", "ful", "fulness", "ation", "ational",
                       "tional", "izer", "ization", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "li", "alism", "aliti", "ement",
                       "ment", "ence", "ance", "able", "ible", "ant", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic", "e", "y"]
        let bases = words.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) }.sorted().prefix(1500)
        for base in bases { for ending in endings { words.insert(base + ending) } }
        words.formUnion(["skis", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "sky", "howe", "atlas",
                         "cosmos", "bias", "andes", "inning", "outing", "canning", "herring", "earring", "evening", "proceed", "exceed",
                         "succeed", "generously", "communism", "arsenal", "added", "egged", "odder", "hopped", "yelling", "sayings", "by"])
        var stems: [String: String] = [:]
        for word in words { stems[word] = try folder.stem(word) }
        let file = FileManager.default.temporaryDirectory.appending(path: "commons-stems-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONEncoder().encode(stems).write(to: file)
        let result = try Run.command(["python3", Self.root.appending(path: "Tests/site/check_stemmer.py").path, file.path])
        #expect(result.status == 0 && result.standardOutput.contains("stemmer ok:"), "\(result.standardOutput)\(result.standardError)")
    }
}
