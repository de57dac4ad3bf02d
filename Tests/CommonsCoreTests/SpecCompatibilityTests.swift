@testable import CommonsCore
import CommonsMarkdown
import Foundation
import Testing
import TestSupport

/// Our layer must not change standard Markdown: for every CommonMark spec example, a note's body renders
/// exactly as the cmark-gfm command renders the same text with the same extensions and options.
@Suite struct SpecCompatibilityTests {
    static let examples: [SpecExample] = SpecExample.load()

    @Test func theSpecFileHasAllItsExamples() {
        #expect(Self.examples.count == 649)
    }

    /// Examples that contain our own syntax, `[[...]]` or a `#tag`, which commons reads by design.
    nonisolated(unsafe) static let tag = /(^|\s)#[\w\/-]*[^\W\d]/
    static let wikilinkExamples = Set(examples.filter { $0.markdown.contains("[[") || $0.markdown.contains(tag) }.map(\.number))

    @Test func onlyAFewExamplesUseOurSyntax() {
        #expect(Self.wikilinkExamples.count == 6)
    }

    @Test func everyExampleRendersAsCmarkGFMRendersIt() throws {
        var mismatches: [String] = []
        var sanitised = 0
        for example in Self.examples where !Self.wikilinkExamples.contains(example.number) {
            let ours = AddedAttributes.strip(try NoteRendering.body(of: "---\n---\n" + example.markdown))
            let reference = try CmarkGFMCommand.render(example.markdown)
            if reference.contains("<!-- raw HTML omitted -->") { sanitised += 1 }
            if try !RawHTMLComparison.same(ours, reference, markdown: example.markdown) {
                mismatches.append("example \(example.number) (line \(example.line))")
            }
        }
        #expect(mismatches.isEmpty, "differs from cmark-gfm: \(mismatches.joined(separator: ", "))")
        #expect(sanitised == 70, "the examples with raw HTML, compared through the sanitiser")
    }

    @Test(arguments: [
        "| a | b |\n|:--|--:|\n| `x|y` | **b** |\n",
        "~~one~~ ~two~ ~~~three~~~\n",
        "www.commonmark.org/help and https://example.org/a?b=c. and foo@bar.example\n",
        "- [ ] open\n- [x] done\n  - [X] nested\n",
        "Here[^note] and here[^2].\n\n[^note]: First.\n[^2]: Second\n    with more.\n",
        "<title>no</title> <textarea>x</textarea> <strong>kept?</strong>\n",
        "```swift\nlet x = 1\n```\n",
        "Line one  \nline two\\\nthree\n",
    ])
    func gitHubExtensionsRenderAsCmarkGFMRendersThem(markdown: String) throws {
        #expect(try RawHTMLComparison.same(AddedAttributes.strip(NoteRendering.body(of: markdown)), CmarkGFMCommand.render(markdown), markdown: markdown))
    }
}

/// Raw HTML is sanitised, where cmark-gfm's safe mode drops it. So an example whose reference drops raw
/// HTML is compared with what cmark-gfm renders in unsafe mode, passed through the same sanitiser:
/// both sides are sanitised as a note's raw HTML, which leaves out the ids and classes of our own markup
/// that only one side has (the examples without raw HTML compare those exactly). The reference is
/// rendered without the tagfilter extension, whose job, showing `<script>` and a few others as text so
/// that a browser does not run them, the sanitiser does by removing them.
enum RawHTMLComparison {
    static func same(_ ours: String, _ reference: String, markdown: String) throws -> Bool {
        guard reference.contains("<!-- raw HTML omitted -->") else { return ours == reference }
        let unsafe = try CmarkGFMCommand.render(markdown, unsafe: true)
        return try HTMLSanitizer.sanitize(ours).html == HTMLSanitizer.sanitize(unsafe).html
    }
}

/// Our headings carry ids, as GitHub's do, and task-list boxes a name; cmark-gfm's command writes neither.
enum AddedAttributes {
    nonisolated(unsafe) static let id = /<(h[1-6]) id="[^"]*">/
    nonisolated(unsafe) static let boxName = /<(input type="checkbox"[^>]*) aria-label="[^"]*">/

    static func strip(_ html: String) -> String {
        html.replacing(id) { "<\($0.output.1)>" }.replacing(boxName) { "<\($0.output.1) />" }
    }
}

/// Runs one note through the pipeline stages that touch its body.
enum NoteRendering {
    static func body(of text: String, settings: Settings = Settings()) throws -> String {
        let html = try bodyIfPublished(of: text, settings: settings)
        return try #require(html)
    }

    /// The body's HTML, or nil when the note's front matter keeps it unpublished.
    static func bodyIfPublished(of text: String, settings: Settings = Settings()) throws -> String? {
        let (note, _) = ParseNotes.parse(text, id: NoteID(path: "example.md"), sourcePath: "example.md")
        let published = try PublishFilter(settings: settings).apply([note], attachments: ["pic.png"])
        let (routes, _) = AssignRoutes.run(published)
        let output = try RenderNotes.run(published, links: LinkTables(published, routes: routes), options: .init(unsafeHTML: settings.unsafeHTML))
        return output.notes.first?.html
    }
}

/// The `cmark-gfm` command from Debian's package, an independent build of the same library.
enum CmarkGFMCommand {
    static func render(_ markdown: String, unsafe: Bool = false) throws -> String {
        let extensions = ["table", "strikethrough", "autolink"] + (unsafe ? [] : ["tagfilter"]) + ["tasklist", "footnotes"]
        let arguments = ["cmark-gfm", "--validate-utf8"] + (unsafe ? ["--unsafe"] : []) + extensions.flatMap { ["-e", $0] }
        let result = try Run.command(arguments, input: markdown)
        guard result.status == 0 else { throw FixtureError("cmark-gfm failed: \(result.standardError)") }
        return result.standardOutput
    }
}

struct SpecExample {
    let number: Int
    let line: Int
    let markdown: String

    /// Reads the examples: fenced by 32 backticks and ` example`, input and HTML split by a line `.`,
    /// with `→` standing for a tab.
    static func load() -> [SpecExample] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/commonmark-spec-0.29.txt")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var current: [Substring]?
        var start = 0
        var inInput = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line == fence + " example" {
                current = []
                inInput = true
                start = index + 1
            } else if current != nil, line == fence {
                current = nil
            } else if current != nil, inInput, line == "." {
                examples.append(SpecExample(
                    number: examples.count + 1,
                    line: start,
                    markdown: current!.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                ))
                inInput = false
            } else if inInput {
                current?.append(line)
            }
        }
        return examples
    }
}
