@testable import CommonsCore
import Foundation
import PropertyBased
import Testing

/// Notes are told apart and ordered by the bytes of their paths; `hasSameBytes` and `precedesInBytes`
/// compare them with `memcmp` and must answer as a comparison of the bytes one by one does.
@Suite struct ExactStringTests {
    /// Pieces that make short strings (stored inside the string itself) and long ones, the two
    /// spellings of "é", and characters of two to four bytes.
    static let texts = Gen<String?>.element(of: ["a", "b", "é", "e\u{301}", "/", ".md", "Ł", "文", "🙂", "a long folder name/", ""])
        .array(of: 0...8).map { $0.compactMap { $0 }.joined() }

    @Test func answersAsTheBytesDo() async {
        await propertyCheck(count: 20000, input: Self.texts, Self.texts) { lhs, rhs in
            let bytesEqual = Array(lhs.utf8) == Array(rhs.utf8)
            #expect(lhs.hasSameBytes(as: rhs) == bytesEqual, "\(lhs.debugDescription) vs \(rhs.debugDescription)")
            #expect(lhs.hasSameBytes(as: lhs))
            #expect((NoteID(path: lhs) == NoteID(path: rhs)) == bytesEqual)
        }
    }

    @Test func ordersAsTheBytesDo() async {
        await propertyCheck(count: 20000, input: Self.texts, Self.texts) { lhs, rhs in
            #expect(lhs.precedesInBytes(rhs) == Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8)),
                    "\(lhs.debugDescription) vs \(rhs.debugDescription)")
        }
    }

    @Test func tellsTheTwoSpellingsOfANameApart() {
        let composed = "Caf\u{E9}.md", decomposed = "Cafe\u{301}.md"
        #expect(composed == decomposed)
        #expect(!composed.hasSameBytes(as: decomposed))
        #expect(ExactString(composed) != ExactString(decomposed))
        #expect(Set([NoteID(path: composed), NoteID(path: decomposed)]).count == 2)
    }

    /// A string Foundation made, which need not be stored whole, compares by its bytes all the same.
    @Test func comparesAStringFoundationMade() {
        let long = String(repeating: "folder/", count: 10) + "Caf\u{E9}.md"
        let made = NSString(string: long).appendingPathComponent("")
        #expect(made.hasSameBytes(as: long) == (Array(made.utf8) == Array(long.utf8)))
        #expect(!made.hasSameBytes(as: long + "x"))
        #expect(made.precedesInBytes(long + "x") && !(long + "x").precedesInBytes(made))
    }
}
