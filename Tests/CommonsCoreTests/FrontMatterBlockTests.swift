@testable import CommonsCore
import PropertyBased
import Testing

/// `FrontMatterBlock.find` reads bytes for speed; it must cut every text where the `Character` split
/// it replaced cut it, line endings, marks and all.
@Suite struct FrontMatterBlockTests {
    /// The split by `Character` that `find` was first written as, kept as the oracle.
    static func oracle(_ text: String) -> FrontMatterBlock.Search {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }[...]
        guard let first = lines.popFirst(), first == "---" else { return .none }
        var yamlLines: [Substring] = []
        while let line = lines.popFirst() {
            if line == "---" {
                return .closed(FrontMatterBlock(yaml: yamlLines.joined(separator: "\n"), body: lines.joined(separator: "\n"),
                                                bodyLineOffset: yamlLines.count + 2))
            }
            yamlLines.append(line)
        }
        return .unclosed(yamlLines)
    }

    static func same(_ lhs: FrontMatterBlock.Search, _ rhs: FrontMatterBlock.Search) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): true
        case (.unclosed(let a), .unclosed(let b)): a.map(String.init) == b.map(String.init)
        case (.closed(let a), .closed(let b)):
            a.yaml.utf8.elementsEqual(b.yaml.utf8) && a.body.utf8.elementsEqual(b.body.utf8) && a.bodyLineOffset == b.bodyLineOffset
        default: false
        }
    }

    static let pieces = ["---", "--", "-", "\n", "\r\n", "\r", "\r\r\n", "\u{301}", "\u{200D}", "a: 1", " ", "é", "👍🏽", "\u{85}", "\u{2028}"]
    static let texts = Gen<String?>.element(of: pieces).array(of: 0...16).map { $0.compactMap { $0 }.joined() }

    @Test func findsWhatTheCharacterSplitFound() async {
        await propertyCheck(count: 5000, input: Self.texts) { text in
            #expect(Self.same(FrontMatterBlock.find(in: text), Self.oracle(text)), "\(text.debugDescription)")
            let opened = "---\n" + text
            #expect(Self.same(FrontMatterBlock.find(in: opened), Self.oracle(opened)), "\(opened.debugDescription)")
            let closed = "---\r\n" + text + "\n---\n" + text
            #expect(Self.same(FrontMatterBlock.find(in: closed), Self.oracle(closed)), "\(closed.debugDescription)")
        }
    }
}
