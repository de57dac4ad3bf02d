@testable import CommonsCore
import Testing

/// A page's values digest the same whatever order they were set in, and differently when any
/// value, name or nesting differs: the digest is what keeps a page from the previous site.
@Suite struct PageValuesTests {
    static func digest(_ values: PageValues) -> [UInt8] {
        var bytes: [UInt8] = []
        values.digest(into: &bytes)
        return bytes
    }

    @Test func theOrderValuesAreSetInDoesNotCount() {
        let names = ["title", "url", "a", "Zeta", "zeta", "history", "_", "bodyHTML", "body"]
        var generator = SystemRandomNumberGenerator()
        let reference = Self.digest(PageValues(names: names))
        for _ in 0..<200 {
            #expect(Self.digest(PageValues(names: names.shuffled(using: &generator))) == reference)
        }
    }

    @Test func aChangedValueNameOrNestingChangesTheDigest() {
        var base = PageValues(["title": .text("A"), "url": .text("a/")])
        let reference = Self.digest(base)
        base["title"] = .text("B")
        #expect(Self.digest(base) != reference)
        base["title"] = .text("A")
        #expect(Self.digest(base) == reference, "setting a value back gives the same digest")
        base["extra"] = .flag(false)
        #expect(Self.digest(base) != reference)
        base["extra"] = nil
        #expect(Self.digest(base) == reference, "a value left out is as if never set")
        #expect(Self.digest(PageValues(["title": .values(PageValues(["url": .text("A")]))]))
                != Self.digest(PageValues(["title": .text("A"), "url": .text("")])))
        #expect(Self.digest(PageValues(["a": .text("bc")])) != Self.digest(PageValues(["ab": .text("c")])))
    }

    @Test func valuesReadBackByName() {
        var values = PageValues(names: ["b", "a", "c"])
        values["a"] = .text("replaced")
        if case .text(let text)? = values["a"] { #expect(text == "replaced") } else { Issue.record("a is text") }
        #expect(values["missing"] == nil)
        #expect(values.child(named: "b") as? String == "b")
    }
}

extension PageValues {
    /// Each name set to its own name, in the order given.
    init(names: [String]) {
        self.init()
        for name in names { self[name] = .text(name) }
    }
}
