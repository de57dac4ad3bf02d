@testable import CommonsCore
import PropertyBased
import Testing

/// Checks read by byte where the text allows it, each held to the `Character` reading it stands in for.
@Suite struct ByteReadingTests {
    /// Whitespace of every kind, title marks, letters, a combining accent that joins the character
    /// before it, and Unicode's whitespace beyond ASCII.
    static let bodies = Gen<String?>.element(of: [" ", "\n", "\r\n", "\r", "\t", "\u{0B}", "# ", "#", "Title", "x", "é", "\u{301}", "\u{85}", "\u{A0}", ""])
        .array(of: 0...8).map { $0.compactMap { $0 }.joined() }

    @Test func findsEmptyNotesAsCharactersDo() async {
        await propertyCheck(count: 30000, input: Self.bodies) { body in
            #expect(CheckContent.isEmpty(body) == CheckContent.isEmptyByCharacter(body), "\(body.debugDescription)")
        }
    }

    @Test func emptyNotesAreTheOnesWithNothingButATitle() {
        #expect(CheckContent.isEmpty("\n# Title\n\n"))
        #expect(CheckContent.isEmpty(" \r\n\t"))
        #expect(!CheckContent.isEmpty("# Title\nText"))
        #expect(!CheckContent.isEmpty("## Section"))
        #expect(!CheckContent.isEmpty(" \u{301}x"))
    }

    static let paths = Gen<String?>.element(of: ["a", ".", "/", "..", "é", "\u{301}", ".obsidian", "notes", ".md", ""])
        .array(of: 0...6).map { $0.compactMap { $0 }.joined() }

    /// A segment is hidden when its first byte is ".", as for the file system, git and Obsidian: a
    /// name of "." and a combining accent is hidden too, where a split into `Character`s said it was not.
    @Test func findsHiddenSegmentsAsASplitOfTheBytesDoes() async {
        await propertyCheck(count: 20000, input: Self.paths) { path in
            let split = path.utf8.split(separator: UInt8(ascii: "/")).contains { $0.first == UInt8(ascii: ".") }
            #expect(ExcludePatterns.hasHiddenSegment(path) == split, "\(path.debugDescription)")
        }
        #expect(ExcludePatterns.hasHiddenSegment("notes/.\u{301}x.md"))
        #expect(!ExcludePatterns.hasHiddenSegment("notes/x.md"))
    }
}
