// Fuzzes the rendering of a note body with Obsidian's syntax (wikilinks, embeds, tags, math, callouts,
// block ids, comments), twice over: with `MarkdownRenderer` and a stand-in for the link resolver, and
// through the stages a build runs (parse, publish filter, routes, render) beside a private note.
//
// Invariants: in safe mode no script, event handler or script URL reaches the HTML, and no element
// commons does not write; every id in the HTML is one the renderer chose; the same text renders to
// the same bytes; and the private note's content changes nothing of what the note's page, its
// published Markdown or its links show.
@testable import CommonsCore
import CommonsMarkdown
import Foundation
import FuzzSupport

let renderer = MarkdownRenderer()

/// A fixed hash, unlike `Hasher`'s, which is seeded anew in each process.
func fnv(_ text: String) -> UInt64 {
    text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
}

/// Every rendering a resolver may give, picked by the target so that the same text renders the same.
/// Like the real resolver, it makes hrefs of its own (relative paths); only text comes from the link.
func stand(in link: Wikilink) -> WikilinkRendering {
    let href = "../" + encoded(link.target) + "/" + (link.fragment.map { "#" + HeadingAnchors.slug($0) } ?? "")
    switch fnv(link.target) % 7 {
    case 0: return .link(href: href, text: link.readerText)
    case 1: return .image(src: "../files/" + encoded(link.target), alt: link.readerText, size: link.imageSize)
    case 2: return .media([MediaKind.audio, .video, .pdf][Int(fnv(link.readerText) % 3)], src: "../files/" + encoded(link.target), title: link.readerText)
    case 3: return .unresolved(text: link.readerText)
    case 4: return .text(link.readerText)
    case 5: return .block(html: "<div class=\"embed\"><p>\(HTMLEscape.text(link.readerText))</p></div>\n")
    default: return .link(href: "#" + HeadingAnchors.slug(link.readerText), text: link.readerText)
    }
}

/// Links to `.md` files go to pages, some are dropped, the rest (absolute URLs included) are kept, as
/// the real rewriter does; the safe mode must then defuse whatever a kept one holds.
func decide(_ link: RenderedMarkdown.Link) -> MarkdownRenderer.LinkAction {
    let destination = link.destination
    if destination.lowercased().contains("private") { return .unlink }
    guard let dot = destination.range(of: ".md", options: [.caseInsensitive]) else { return .keep }
    return .replace(destination: "../" + encoded(String(destination[..<dot.lowerBound])) + "/" + destination[dot.upperBound...])
}

func render(_ text: String, elementIDs: Bool) -> RenderedMarkdown {
    do {
        return try renderer.render(text, rewrite: decide, wikilink: stand, tagHref: { "../tags/" + encoded($0) + "/" },
                                   quoted: { $0 }, elementIDs: elementIDs)
    } catch {
        fatalError("invariant broken: rendering threw \(error)")
    }
}

func checkSafe(_ html: String, _ what: String, _ text: String) {
    if let problem = PageSafety.problem(in: html) {
        invariant(false, "\(what): \(problem)\nnote: \(quoted(text))\nHTML: \(quoted(html, limit: 2000))")
    }
}

/// The elements a heading's or a block id's id may be on: headings, and the blocks a `^id` names.
let blocks: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "div", "blockquote", "aside", "details", "section", "table", "ul", "ol", "pre"]

/// Every `id` in the HTML names a heading, a block id or a footnote: the text cannot set ids of its own.
func checkIDs(_ rendered: RenderedMarkdown, _ text: String) {
    let chosen = Set(rendered.headings.map(\.anchor) + rendered.blockIDs)
    for tag in HTMLTag.scan(rendered.html) {
        guard let id = tag.value(of: "id") else { continue }
        let isFootnote = (tag.name == "li" && id.hasPrefix("fn-")) || (tag.name == "a" && id.hasPrefix("fnref-"))
        invariant(isFootnote || (chosen.contains(id) && blocks.contains(tag.name)),
                  "an id the renderer did not choose: <\(tag.name) id=\(quoted(id))>\nnote: \(quoted(text))\nHTML: \(quoted(rendered.html, limit: 2000))")
    }
}

// The build's stages on three notes: the fuzzed one, a published one it may link to or embed (which
// embeds it back), and a private one, whose text differs between two runs.
let example = """
    # Example

    A paragraph to embed. ^para

    ## Part

    Back to [[note]], ![[note#Heading]] and ![[pic.png|200]]; a tag #example.
    """

func privateNote(_ word: String) -> String {
    """
    ---
    private: true
    title: Zq \(word) title
    aliases: [zq-alias-\(word)]
    tags: [zqtag\(word)]
    ---
    # Zq \(word) heading

    zq \(word) body text ^zqblock\(word)

    ![[example#Part]] [[note]]
    """
}

struct Page: Equatable {
    var html: String?
    var title: String?
    var description: String?
    var headings: [RenderedMarkdown.Heading] = []
    var tags: [String] = []
    var blockIDs: [String] = []
    var markdown: String?
    var links: [NoteLink] = []
    var unresolved: [String] = []
}

func page(of text: String, privateWord: String) -> Page {
    let id = NoteID(path: "notes/note.md")
    let notes = [
        ParseNotes.parse(text, id: id, sourcePath: id.path).0,
        ParseNotes.parse(example, id: NoteID(path: "example.md"), sourcePath: "example.md").0,
        ParseNotes.parse(privateNote(privateWord), id: NoteID(path: "private/zqsecret.md"), sourcePath: "private/zqsecret.md").0,
    ]
    let published: PublishedNotes
    let output: RenderNotes.Output
    let routes: Routes
    do {
        published = try PublishFilter(settings: Settings()).apply(notes, attachments: ["pic.png", "song.mp3", "doc.pdf"])
        routes = AssignRoutes.run(published).0
        output = try RenderNotes.run(published, links: LinkTables(published, routes: routes), options: MarkdownOptions())
    } catch {
        fatalError("invariant broken: the stages threw \(error)\nnote: \(quoted(text))")
    }
    guard let position = output.notes.firstIndex(where: { $0.note.id == id }) else { return Page() }
    let rendered = output.notes[position]
    return Page(
        html: rendered.html, title: rendered.title, description: rendered.description, headings: rendered.headings,
        tags: rendered.tags, blockIDs: rendered.blockIDs,
        markdown: PublicMarkdown(published, routes: routes).text(of: rendered.note.body, writtenAt: id),
        links: output.links[position],
        unresolved: output.unresolved[position]
    )
}

FuzzDriver.run { bytes in
    guard case .success(let text) = ParseNotes.decode(bytes) else { return }

    let rendered = render(text, elementIDs: true)
    checkSafe(rendered.html, "MarkdownRenderer", text)
    checkIDs(rendered, text)
    let again = render(text, elementIDs: true)
    invariant(again == rendered, "two renderings of one text differ\nnote: \(quoted(text))\nfirst: \(quoted(rendered.html))\nsecond: \(quoted(again.html))")
    let embedded = render(text, elementIDs: false)
    checkSafe(embedded.html, "MarkdownRenderer, embedded", text)
    invariant(!HTMLTag.scan(embedded.html).contains { $0.value(of: "id").map { !$0.hasPrefix("fn") } ?? false },
              "an embedded rendering has ids\nnote: \(quoted(text))\nHTML: \(quoted(embedded.html))")

    let one = page(of: text, privateWord: "one")
    if let html = one.html { checkSafe(html, "note page", text) }
    let two = page(of: text, privateWord: "two")
    invariant(one == two, "the private note's text changed what the page shows\nnote: \(quoted(text))\n"
        + "with one: \(quoted(String(describing: one), limit: 3000))\nwith two: \(quoted(String(describing: two), limit: 3000))")
}
