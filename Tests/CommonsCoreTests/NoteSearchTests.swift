@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// The search `commons mcp` answers with, over a commons built by the real stages.
@Suite struct NoteSearchTests {
    static func document(_ notes: [String: String]) throws -> BundleDocument {
        let fixture = try FixtureRepository()
        for (path, text) in notes { try fixture.write(path, text) }
        _ = try fixture.commitAll("Notes")
        var plan = BuildPlan()
        plan.path = fixture.url.path
        return try AgentCommons.open(plan).0
    }

    static let notes = [
        "Gardens.md": "---\ntags: [botany]\n---\n# Gardens\n\nA note on soil.\n\n## Watering\n\nWater the alpha beds at dawn, and the beta beds too.\n",
        "Orchard.md": "# Orchard\n\nThe alpha trees grow here, and gardens surround them.\n",
        "Café culture.md": "---\ntags: [cities]\n---\n# Café culture\n\nGraphs of coffee prices.\n",
        "Beta.md": "# Beta\n\nA beta note with no first word.\n",
    ]

    @Test func everyWordMustOccurAndATitleCountsMoreThanText() throws {
        let search = try NoteSearch(try Self.document(Self.notes).notes)
        #expect(try search.search("alpha beta", limit: 10).map(\.id) == ["gardens"])
        #expect(try search.search("alpha gardens", limit: 10).map(\.id) == ["gardens", "orchard"])
        #expect(try search.search("gardens", limit: 10).map(\.id) == ["gardens", "orchard"])
        #expect(try search.search("beta", limit: 10).first?.id == "beta")
        #expect(try search.search("zzqx-qqzx", limit: 10).isEmpty)
        #expect(try search.search("  ", limit: 10).isEmpty)
        #expect(try search.search("alpha", limit: 1).count == 1)
    }

    /// A question's small words need not be in a note; when no note has every other word, the notes
    /// with any of them rank, as the search engines answer.
    @Test func aQuestionFindsItsWordsAndAnyWordRanksWhenNoNoteHasAll() throws {
        let search = try NoteSearch(try Self.document(Self.notes).notes)
        #expect(try search.search("how do I water the beds", limit: 10).map(\.id) == ["gardens"])
        #expect(Set(try search.search("alpha zebra", limit: 10).map(\.id)) == ["gardens", "orchard"])
        #expect(try search.search("the", limit: 10).map(\.id).isEmpty == false, "a query of small words alone needs them")
        #expect(try search.search("zebra", limit: 10).isEmpty)
    }

    /// A word that finds nothing finds the words a typing slip away: one edit from four letters, two
    /// from eight, after the first two letters.
    @Test func aTypingSlipIsForgiven() throws {
        let search = try NoteSearch(try Self.document(Self.notes).notes)
        #expect(Set(try search.search("gardns", limit: 10).map(\.id)) == ["gardens", "orchard"])
        #expect(try search.search("wtaering", limit: 10).isEmpty, "a slip in the first two letters")
        #expect(try search.search("surrouding", limit: 10).map(\.id) == ["orchard"])
        #expect(try search.search("srrondng", limit: 10).isEmpty, "three edits")
        #expect(Typos.near("callout", "calout") && Typos.near("calout", "callout") && !Typos.near("cat", "cut"))
    }

    @Test func caseAccentsAndPrefixesAreIgnoredOrMatched() throws {
        let search = try NoteSearch(try Self.document(Self.notes).notes)
        #expect(try search.search("CAFE", limit: 10).map(\.id) == ["café-culture"])
        #expect(try search.search("graph", limit: 10).map(\.id) == ["café-culture"])
        // Two letters being typed stand for the words they start: "graphs" and "grow".
        #expect(Set(try search.search("gr", limit: 10).map(\.id)) == ["café-culture", "orchard"])
    }

    /// A word being typed counts once in a note, by the best word it starts there: a note of many
    /// words that start alike does not outrank the note titled with one of them.
    @Test func twoLettersFindTheirBestWordInEachNote() throws {
        let search = try NoteSearch(try Self.document([
            "Walls.md": "Stone and brick.\n",
            "Outings.md": "Walking, wandering, waving, washing, waiting, warming and watching, then wading.\n",
            "Places.md": "Olympia, WA, and Salem, OR.\n",
        ]).notes)
        let found = try search.search("wa", limit: 10).map(\.id)
        #expect(found.firstIndex(of: "walls")! < found.firstIndex(of: "outings")!, "\(found)")
        // Two letters the commons has as a word (WA) are still the start of the words being typed...
        #expect(Set(found) == ["walls", "outings", "places"])
        // ...but not a question's small word, which stands for itself alone.
        #expect(try search.search("or", limit: 10).map(\.id) == ["places"])
        #expect(try search.search("walk", limit: 10).map(\.id) == ["outings"], "a whole word stands for its own stem")
    }

    @Test func aTagNarrowsAndAHitOpensOnItsSection() throws {
        let search = try NoteSearch(try Self.document(Self.notes).notes)
        #expect(try search.search("alpha", limit: 10, tag: "#botany").map(\.id) == ["gardens"])
        #expect(try search.search("alpha", limit: 10, tag: "Botany").map(\.id) == ["gardens"])
        #expect(try search.search("alpha", limit: 10, tag: "cities").isEmpty)
        let hit = try #require(search.search("dawn", limit: 10).first)
        #expect(hit.anchor == "watering")
        #expect(hit.heading == "Watering")
        #expect(hit.snippet.contains("dawn"))
    }

    @Test func aSnippetIsCutAroundTheFirstMatch() throws {
        let text = (1...60).map { "word\($0)" }.joined(separator: " ")
        let snippet = try SearchWords.snippet(of: text) { $0 == "word30" }
        #expect(snippet.hasPrefix("…word20 "))
        #expect(snippet.hasSuffix(" word50…"))
        #expect(try SearchWords.snippet(of: "short text") { $0 == "short" } == "short text")
    }

    /// Words of one stem are one word to search, as Pagefind and the search engines have them: the
    /// plural finds the singular, "linking" finds "links", and the snippet marks the word found.
    @Test func aWordFindsTheOtherWordsOfItsStem() throws {
        let search = try NoteSearch(try Self.document([
            "Callout.md": "A callout stands out.\n", "Boxes.md": "Put callouts in boxes.\n",
            "Linking.md": "Linking notes.\n", "Links.md": "The links of a note.\n", "Other.md": "Nothing here.\n",
        ]).notes)
        #expect(Set(try search.search("callouts", limit: 10).map(\.id)) == ["callout", "boxes"])
        #expect(Set(try search.search("callout", limit: 10).map(\.id)) == ["callout", "boxes"])
        #expect(Set(try search.search("linked", limit: 10).map(\.id)) == ["linking", "links"])
        let hit = try #require(try search.search("boxed", limit: 10).first)
        #expect(hit.id == "boxes" && hit.snippet == "Put callouts in boxes.")
    }

    /// `commons mcp --bundle` reads what `commons build` wrote: decoding and encoding again gives the same bytes.
    @Test func aWrittenBundleReadsBackToTheSameBytes() throws {
        var notes = Self.notes
        notes["Matter.md"] = "---\ntitle: Matter\nnumber: 3\nratio: 0.5\nflag: true\nnothing:\nlist: [a, 2]\nnested: {b: 1, a: [x]}\n---\nLinks to [[Gardens]].\n"
        let document = try Self.document(notes)
        var written: [UInt8] = []
        try ContextBundle.write(document) { written += $0 }
        var again: [UInt8] = []
        try ContextBundle.write(try AgentCommons.decode(bundle: Data(written))) { again += $0 }
        #expect(again == written)
    }
}
