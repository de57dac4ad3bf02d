@testable import CommonsCore
import Testing

@Suite struct FrontMatterTests {
    func parse(_ text: String) -> (Note, [Diagnostic]) {
        ParseNotes.parse(text, id: NoteID(path: "n.md"), sourcePath: "notes/n.md")
    }

    @Test func splitsFrontMatterAndKeepsEveryKeyInOrder() throws {
        let (note, problems) = parse("---\ntitle: Hello\ntags: [a, b]\nzeta: 3\nalpha: {x: true}\n---\n# Body\n")
        #expect(problems.isEmpty)
        #expect(note.body == "# Body\n")
        #expect(note.bodyLineOffset == 6)
        #expect(note.frontMatterIsReadable)
        #expect(note.frontMatter.title == "Hello")
        #expect(note.frontMatter.tags == ["a", "b"])
        #expect(note.frontMatter.entries.map(\.key) == ["title", "tags", "zeta", "alpha"])
        #expect(note.frontMatter["zeta"] == .int(3))
        #expect(note.frontMatter["alpha"] == .mapping([.init(key: "x", value: .bool(true))]))
    }

    @Test func readsCRLFFrontMatter() {
        let (note, problems) = parse("---\r\ntitle: Windows\r\npublish: false\r\n---\r\nBody\r\n")
        #expect(problems.isEmpty)
        #expect(note.frontMatter.title == "Windows")
        #expect(note.frontMatter.publish == false)
    }

    @Test func aSingleTagStringIsAOneTagList() {
        #expect(parse("---\ntags: solo\n---\n").0.frontMatter.tags == ["solo"])
    }

    @Test func barewordDatesStayText() {
        #expect(parse("---\ndate: 2024-05-01\n---\n").0.frontMatter.date == "2024-05-01")
    }

    @Test func anOpeningLineWithoutAClosingOneIsReadAsMarkdown() {
        let (note, problems) = parse("---\nJust a rule above this text.\n")
        #expect(note.frontMatter == .empty)
        #expect(note.frontMatterIsReadable)
        #expect(note.body == "---\nJust a rule above this text.\n")
        #expect(problems.map(\.rule.rawValue) == ["front-matter"])
    }

    @Test func anUnclosedBlockThatSpeaksOfPrivacyWithholdsTheNote() {
        let (note, problems) = parse("---\ntitle: Diary\nprivate: true\n\nDear diary\n")
        #expect(!note.frontMatterIsReadable)
        #expect(problems.first?.message.contains("not published until it is closed") == true)
    }

    @Test func invalidYAMLIsReportedAtItsLineAndWithholdsTheNote() throws {
        let (note, problems) = parse("---\ntitle: ok\nbad: [unclosed\n---\nBody\n")
        #expect(note.frontMatter == .empty)
        #expect(!note.frontMatterIsReadable)
        #expect(note.body == "Body\n")
        let diagnostic = try #require(problems.first)
        #expect(diagnostic.rule.rawValue == "front-matter")
        #expect(diagnostic.path == "notes/n.md")
        #expect((diagnostic.line ?? 0) >= 3)
        #expect(diagnostic.message.contains("not published until its front matter is fixed"))
    }

    @Test func aScalarIsNotFrontMatter() {
        let (note, problems) = parse("---\njust text\n---\n")
        #expect(!note.frontMatterIsReadable)
        #expect(problems.first?.message.contains("not a YAML mapping") == true)
    }

    @Test func anAliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        let (note, problems) = parse("---\n" + yaml + "---\nBody\n")
        #expect(note.frontMatter == .empty)
        #expect(!note.frontMatterIsReadable)
        #expect(problems.first?.message.contains("alias bomb") == true)
    }

    @Test func wrongTypesAreReportedAtTheirKeysLine() {
        let (note, problems) = parse("---\ntitle: [a, b]\ntags: {x: 1}\nprivate: \"no\"\n---\n")
        #expect(problems.map(\.rule.rawValue) == ["front-matter-type", "front-matter-type", "front-matter-type"])
        #expect(problems.map(\.line) == [2, 3, 4])
        #expect(note.frontMatter.title == nil)
    }

    /// How Obsidian leaves properties blank: an empty value, or a list with an empty item.
    @Test func blankPropertiesAreNoProblem() {
        let (note, problems) = parse("---\naliases:\ndescription:\ntitle:\ntags:\n  - \n  - guide\n  -\ncssclasses: []\n---\nBody\n")
        #expect(problems.isEmpty, "\(problems)")
        #expect(note.frontMatter.tags == ["guide"])
        #expect(note.frontMatter.aliases.isEmpty)
        #expect(note.frontMatter.title == nil && note.frontMatter.description == nil)
    }

    @Test(arguments: [
        ("private: true", true), ("private: false", false), ("private: \"false\"", true), ("private: yes please", true),
        ("private:", true), ("", false),
    ])
    func privateFailsClosed(line: String, isPrivate: Bool) {
        #expect(parse("---\n\(line)\n---\n").0.frontMatter.isPrivate == isPrivate)
    }

    /// Obsidian reads YAML 1.2, where `Yes` is text: a property of text keeps it (the community hub's
    /// "Mobile-compatible plugins" has `aliases:` then `- Yes`, which was warned about as no list of text).
    /// The privacy keys keep reading YAML 1.1's words as booleans, as they always have.
    @Test func yesAndNoAreTextOutsideThePrivacyKeys() {
        let (note, diagnostics) = parse("---\naliases:\n  - Yes\n  - On\ntitle: no\nextra: {nested: off}\npublish: yes\ndraft: Off\n---\n")
        #expect(note.frontMatter.aliases == ["Yes", "On"])
        #expect(note.frontMatter.title == "no")
        #expect(note.frontMatter["extra"] == .mapping([.init(key: "nested", value: .string("off"))]))
        #expect(note.frontMatter.publish == true && !note.frontMatter.isDraft)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test(arguments: [
        ("publish: true", true), ("publish: false", false), ("publish: \"true\"", false), ("publish: 1", false),
        ("", nil),
    ] as [(String, Bool?)])
    func publishFailsClosed(line: String, publish: Bool?) {
        #expect(parse("---\n\(line)\n---\n").0.frontMatter.publish == publish)
    }
}

@Suite struct NoteDecodingTests {
    @Test func rejectsWhatIsNotANote() {
        let lfs = Array("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n".utf8)
        #expect(failure(ParseNotes.decode(lfs)) == "lfs-pointer")
        #expect(failure(ParseNotes.decode([0x23, 0x20, 0x00, 0x01])) == "encoding")
        #expect(failure(ParseNotes.decode([0x23, 0x20, 0xFF, 0xFE])) == "encoding")
        #expect(failure(ParseNotes.decode([UInt8](repeating: 0x61, count: ParseNotes.maximumNoteBytes + 1))) == "oversized-file")
    }

    @Test func dropsAByteOrderMark() throws {
        #expect(try ParseNotes.decode([0xEF, 0xBB, 0xBF] + Array("---\ntitle: T\n---\n".utf8)).get() == "---\ntitle: T\n---\n")
    }

    private func failure(_ result: Result<String, ParseNotes.UnreadableFile>) -> String? {
        if case .failure(let problem) = result { return problem.rule.rawValue }
        return nil
    }
}
