@testable import CommonsCore
import Foundation
import PropertyBased
import Testing

/// `ReaderOrder` compares ASCII titles on their bytes; the order must stay Foundation's, which it
/// stands in for.
@Suite struct ReaderOrderTests {
    static func foundation(_ lhs: String, _ rhs: String) -> ComparisonResult {
        lhs.compare(rhs, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
    }

    /// Every pair of texts up to three characters long from letters of both cases, digits, the
    /// punctuation that sorts between the two cases, and a letter beyond ASCII.
    @Test func ordersEveryShortPairAsFoundation() {
        let alphabet = ["a", "A", "_", "0", "1", "9", " ", "`", "é"]
        var texts = [""]
        var last = [""]
        for _ in 1...3 {
            last = last.flatMap { text in alphabet.map { text + $0 } }
            texts += last
        }
        var differing: [String] = []
        for lhs in texts {
            for rhs in texts where ReaderOrder.compare(lhs, rhs) != Self.foundation(lhs, rhs) {
                differing.append("\(lhs.debugDescription) vs \(rhs.debugDescription)")
            }
        }
        #expect(differing.count == 0, "the first: \(differing.prefix(10))")
    }

    static let titles = Gen<String?>.element(of: ["Note ", "note ", "2", "10", "007", "7", "99999999999999999999", "18446744073709551617",
                                                  "123456789012345678", "-", ".", "Z", "z", "[", "~", "Ł", ""])
        .array(of: 0...6).map { $0.compactMap { $0 }.joined() }

    /// Longer titles, with numbers of every length: leading zeros, and numbers past 64 bits.
    @Test func ordersTitlesWithNumbersAsFoundation() async {
        await propertyCheck(count: 20000, input: Self.titles, Self.titles) { lhs, rhs in
            #expect(ReaderOrder.compare(lhs, rhs) == Self.foundation(lhs, rhs), "\(lhs.debugDescription) vs \(rhs.debugDescription)")
        }
    }
}
