@testable import CommonsCore
import CommonsMarkdown
import Foundation
import PropertyBased
import Testing

/// The Markdown published as text drops what the page drops: links to private notes and files.
@Suite struct PublicMarkdownTests {
    static let files: [String: String] = [
        "index.md": "Home",
        "a/Open.md": "# Open",
        "a/zqSecret.md": "---\nprivate: true\n---\nHidden",
        "private/zqPlan.md": "Plan",
        "b/Page.md": "",
    ]
    static let attachments: Set<String> = ["img/pic.png", "private/zqscan.png"]

    static let notes = files.keys.sorted().map { ParseNotes.parse(files[$0]!, id: NoteID(path: $0), sourcePath: $0).0 }
    static let published = try! PublishFilter(settings: Settings()).apply(notes, attachments: attachments)

    static let publicMarkdown = PublicMarkdown(published, routes: AssignRoutes.run(published).0)

    static func redact(_ text: String, in path: String = "b/Page.md") -> String {
        publicMarkdown.text(of: text, writtenAt: NoteID(path: path))
    }

    @Test(arguments: [
        ("See [[zqSecret]] and [[Open]].", "See zqSecret and [[Open]]."),
        ("See [[a/zqSecret|the plan]].", "See the plan."),
        ("![[zqscan.png|300]] and ![[zqscan.png|scan]]", "zqscan.png and scan"),
        ("A [[Missing note]] reads as its text, as a private one does.", "A Missing note reads as its text, as a private one does."),
        ("[text](../a/zqSecret.md) and [open](../a/Open.md)", "text and [open](../a/Open.md)"),
        ("![alt *x*](../private/zqscan.png \"t\")", "alt *x*"),
        ("[a ![pic](../private/zqscan.png) b](../private/zqPlan.md)", "a pic b"),
        ("[x](<../a/zq%53ecret.md>) [y](../a/zq&#83;ecret.md) [z](../a/zq&Sfake;ecret.md)", "x y z"),
        ("[x](https://example.org/zqSecret.md) [y](#zqSecret) [z](../img/pic.png)", "[x](https://example.org/zqSecret.md) [y](#zqSecret) [z](../img/pic.png)"),
        ("Use [c][r].\n\n[r]: ../private/zqPlan.md \"t\"\nnext", "Use [c][r].\n\n\nnext"),
        ("> [r]: <../a/zqSecret.md>\n", "> \n"),
        ("<a href=\"../a/zqSecret.md\">x</a> <img SRC=../private/zqscan.png>", "<a href=\"\">x</a> <img SRC=>"),
        ("`[[a/zqSecret|code]]` \\[[zqSecret]]", "`code` \\[[zqSecret]]"),
        ("[x](../../../etc/passwd)", "x"),
    ])
    func dropsWhatThePageDrops(markdown: String, expected: String) {
        #expect(Self.redact(markdown) == expected)
    }

    @Test func relativeLinksResolveFromWhereTheNoteWasWritten() {
        #expect(Self.redact("[x](zqSecret.md)", in: "a/Old name.md") == "x")
        #expect(Self.redact("[x](zqSecret.md)", in: "Top.md") == "x", "a link to a missing .md file is dropped as well")
        #expect(Self.redact("[x](Open.md)", in: "a/Old name.md") == "[x](Open.md)")
    }

    /// Pieces of realistic notes, where the marker `zqsecret` appears only as the target of a link. No
    /// tables (a `|` in a wikilink splits the cell there, as it does in Obsidian) and no loose `*`,
    /// whose emphasis can depend on whether a link's `)` stands next to it.
    static let linkPieces = [
        "word ", "Other words. ", "\n", "\n\n", "# ", "- ", "> ", "*emphasis* ", "**strong** ", "1. ",
        "[text](../a/zqSecret.md)", "[open](../a/Open.md)", "![alt](../private/zqscan.png)", "![pic](../img/pic.png)",
        " [[zqSecret|shown]]", " [[a/zqSecret#Part|shown]]", " ![[zqscan.png|shown]]", " [[Open]]", " [[Open#Part]]", " [[Nowhere]]",
        "[x](<../private/zq secret.md> \"title\")", "[t](../private/zqPlan.md#part)", "[y](https://example.org/)",
    ]
    static let hostilePieces = linkPieces + ["| a | b |\n|---|---|\n| ", " |\n", "*", "**", "[", "]", "(", ")", "!", "`", "```\n", "<", ">", "&", "\\", "<a href=\"../a/zqsecret.md\">", "\r\n"]

    static let linkDocuments = Gen<String?>.element(of: linkPieces).array(of: 0...40).map { $0.compactMap { $0 }.joined() }
    static let hostileDocuments = Gen<String?>.element(of: hostilePieces).array(of: 0...40).map { $0.compactMap { $0 }.joined() }

    /// Whatever surrounds them, the paths of private notes and files never survive.
    @Test func noPrivatePathSurvives() async {
        await propertyCheck(count: 1500, input: Self.hostileDocuments) { text in
            #expect(!Self.redact(text).lowercased().contains("zqsecret"))
            #expect(!Self.redact(text).lowercased().contains("zqplan"))
            #expect(!Self.redact(text).lowercased().contains("private/"))
        }
    }

    /// The page of the published text is the page of the note: what is dropped, the page drops too.
    /// A link that leads nowhere keeps its words but not its brackets, so its page shows the words
    /// without the unresolved link's span.
    @Test func thePageIsUnchanged() async throws {
        await propertyCheck(count: 500, input: Self.linkDocuments) { text in
            let redacted = Self.redact(text)
            let (page, original) = (try Self.page(of: redacted), try Self.page(of: text))
            let words = original.replacingOccurrences(of: #"<span class="wikilink unresolved">([^<]*)</span>"#, with: "$1", options: .regularExpression)
            #expect(page == words, "\(text)\n→\n\(redacted)")
        }
    }

    static func page(of body: String) throws -> String {
        let note = ParseNotes.parse(body, id: NoteID(path: "b/Page.md"), sourcePath: "b/Page.md").0
        let others = notes.filter { $0.id != note.id }
        let notes = try PublishFilter(settings: Settings()).apply((others + [note]).sorted { $0.id < $1.id }, attachments: attachments)
        let output = try RenderNotes.run(notes, links: LinkTables(notes, routes: AssignRoutes.run(notes).0), options: .init())
        return output.notes.first { $0.note.id == note.id }?.html ?? ""
    }
}

/// The text of a link the llms files write reads back as written, whatever brackets and backslashes
/// a title holds.
@Suite struct LinkTextTests {
    @Test(arguments: ["plain", "a\\", "a\\]", "[x]", "x]", "\\[", "C:\\path\\", "] [", "a\\\\b"])
    func aLinksTextReadsBackAsWritten(text: String) throws {
        let rendered = try MarkdownRenderer().render("[\(PublicMarkdown.linkText(text))](https://example.org/)\n")
        #expect(rendered.html == "<p><a href=\"https://example.org/\">\(HTMLEscape.text(text))</a></p>\n", "\(rendered.html)")
    }
}
