@testable import CommonsCore
import Testing

@Suite struct FrontMatterTests {
    func parse(_ text: String) -> (Note, Diagnostic?) {
        ParseNotes.parse(text, id: NoteID(path: "n.md"), sourcePath: "notes/n.md")
    }

    @Test func splitsFrontMatterAndKeepsEveryKeyInOrder() throws {
        let (note, problem) = parse("---\ntitle: Hello\ntags: [a, b]\nzeta: 3\nalpha: {x: true}\n---\n# Body\n")
        #expect(problem == nil)
        #expect(note.body == "# Body\n")
        #expect(note.bodyLineOffset == 6)
        #expect(note.frontMatter.title == "Hello")
        #expect(note.frontMatter.tags == ["a", "b"])
        #expect(note.frontMatter.entries.map(\.key) == ["title", "tags", "zeta", "alpha"])
        #expect(note.frontMatter["zeta"] == .int(3))
        #expect(note.frontMatter["alpha"] == .mapping([.init(key: "x", value: .bool(true))]))
    }

    @Test func readsCRLFFrontMatter() {
        let (note, problem) = parse("---\r\ntitle: Windows\r\npublish: false\r\n---\r\nBody\r\n")
        #expect(problem == nil)
        #expect(note.frontMatter.title == "Windows")
        #expect(note.frontMatter.publish == false)
    }

    @Test func aSingleTagStringIsAOneTagList() {
        #expect(parse("---\ntags: solo\n---\n").0.frontMatter.tags == ["solo"])
    }

    @Test func quotedValuesStayStrings() {
        let (note, _) = parse("---\npublish: \"false\"\ndate: 2024-05-01\n---\n")
        #expect(note.frontMatter.publish == nil)
        #expect(note.frontMatter.date == "2024-05-01")
    }

    @Test func textWithoutAClosingLineHasNoFrontMatter() {
        let (note, problem) = parse("---\nnot: closed\n")
        #expect(problem == nil)
        #expect(note.frontMatter == .empty)
        #expect(note.body == "---\nnot: closed\n")
    }

    @Test func invalidYAMLIsReportedAtItsLineAndIgnored() {
        let (note, problem) = parse("---\ntitle: ok\nbad: [unclosed\n---\nBody\n")
        #expect(note.frontMatter == .empty)
        #expect(note.body == "Body\n")
        let diagnostic = problem
        #expect(diagnostic?.rule == "front-matter")
        #expect(diagnostic?.path == "notes/n.md")
        #expect((diagnostic?.line ?? 0) >= 3)
    }

    @Test func aScalarIsNotFrontMatter() {
        let (_, problem) = parse("---\njust text\n---\n")
        #expect(problem?.message.contains("not a YAML mapping") == true)
    }

    @Test func anAliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        let (note, problem) = parse("---\n" + yaml + "---\nBody\n")
        #expect(note.frontMatter == .empty)
        #expect(problem?.message.contains("alias bomb") == true)
    }
}
