import CommonsMarkdown

/// Renders note bodies with their links resolved, and embedded notes rendered in place.
struct BodyRenderer {
    let renderer: MarkdownRenderer
    let rewriter: LinkRewriter
    let publicMarkdown: PublicMarkdown
    let resolver: LinkResolver
    let routes: Routes
    let notes: [NoteID: Note]

    /// `links` are the tables of `published`'s notes and files.
    init(_ published: PublishedNotes, links: LinkTables, options: MarkdownOptions) {
        renderer = MarkdownRenderer(options: options)
        rewriter = links.rewriter
        publicMarkdown = PublicMarkdown(links)
        resolver = links.resolver
        routes = links.routes
        notes = Dictionary(published.notes.map { ($0.id, $0) }) { first, _ in first }
    }

    /// Renders `text` (the note's body, or a section of it) for the page at `pagePath`. `budget` is
    /// the page's, for a note embedded in it; a page's own note starts a budget of its own.
    func render(_ note: Note, text: String? = nil, onPage pagePath: String, embeddedIn stack: [NoteID],
                budget: EmbedBudget = EmbedBudget()) throws -> (RenderedMarkdown, NoteContext) {
        // An embedded note's ids would repeat ids of the page around it.
        let isEmbedded = !stack.isEmpty
        var context = NoteContext(note: note, pagePath: pagePath, stack: stack + [note.id])
        let rendered: RenderedMarkdown
        do {
            rendered = try renderer.render(text ?? note.body, rewrite: { link in
                // `#part` names a part of the embedded note, which is on its own page.
                if isEmbedded, link.destination.hasPrefix("#"), let page = routes.href(to: note.id, fromPage: pagePath) {
                    return .replace(destination: page + link.destination)
                }
                let outcome = rewriter.rewrite(link.destination, from: note.id, pagePath: pagePath)
                context.record(outcome, for: link)
                return outcome.action
            }, wikilink: { link in
                context.render(link, with: self, budget: budget)
            }, tagHref: { TagIndex.href(to: $0, fromPage: pagePath) }, quoted: { publicMarkdown.quoted($0, writtenAt: note.id) },
               elementIDs: !isEmbedded)
        } catch {
            throw BuildError("\(note.sourcePath): error: \(error)")
        }
        if !isEmbedded, let first = budget.firstLeftOut {
            context.diagnostics.append(Diagnostic(path: note.sourcePath, message: "\(budget.leftOut) embed\(budget.leftOut == 1 ? " is" : "s are") left out of the page "
                + "(the first, of “\(first.title)”, because \(first.reason))", rule: .embedLimit))
        }
        return (rendered, context)
    }

    /// The HTML of an embedded note, or of one of its sections, for the page that embeds it.
    /// `embedded` hears every note whose text the embed reads, for knowing when to render the page again.
    func embed(_ id: NoteID, fragment: String?, onPage pagePath: String, stack: [NoteID], budget: EmbedBudget,
               usedAttachments: inout [String], embedded: inout [NoteID]) -> String {
        guard let note = notes[id] else { return "" }
        embedded.append(id)
        let name = NoteTitle.of(note, openingHeading: nil)
        let refusal = Self.embedsItself(id, fragment: fragment, stack: stack) ? "it would contain itself" : budget.refusal(nesting: stack, title: name)
        if let refusal {
            return "<p class=\"embed-cycle\">Embed of “\(HTMLEscape.text(name))” left out: \(HTMLEscape.text(refusal)).</p>\n"
        }
        guard var (rendered, context) = try? render(note, onPage: pagePath, embeddedIn: stack, budget: budget) else { return "" }
        let title = NoteTitle.of(note, rendered: rendered).title
        if let fragment {
            // A heading's section, or the one block a `^block-id` names; a part the note does not have
            // shows nothing but the note's title (the link is reported as a missing anchor).
            let part = fragment.hasPrefix("^")
                ? rendered.blocks.first { $0.id == fragment }.map { Self.lines($0.lines, of: note.body) }
                : Self.section(of: note.body, headings: rendered.headings, anchor: HeadingAnchors.slug(fragment))
            if let (partRendered, partContext) = try? render(note, text: part ?? "", onPage: pagePath, embeddedIn: stack, budget: budget) {
                (rendered, context) = (partRendered, partContext)
            }
        }
        usedAttachments += context.usedAttachments
        embedded += context.embedded
        let href = HTMLEscape.text(routes.href(to: id, fromPage: pagePath) ?? "")
        let html = "<div class=\"embed\">\n<p class=\"embed-title\"><a href=\"\(href)\">\(HTMLEscape.text(title))</a></p>\n\(rendered.html)</div>\n"
        budget.spend(html)
        return html
    }

    /// Whether an embed of `id` below the notes of `stack` would show a note inside itself. A note may
    /// show one of its own sections elsewhere in it (`![[#Heading]]`), once: a section that shows
    /// itself again is a cycle.
    static func embedsItself(_ id: NoteID, fragment: String?, stack: [NoteID]) -> Bool {
        guard stack.contains(id) else { return false }
        return fragment == nil || stack.last != id || stack.filter { $0 == id }.count > 1
    }

    /// The lines of `body` in `range`, counted from 1.
    static func lines(_ range: ClosedRange<Int>, of body: String) -> String {
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        let start = max(range.lowerBound - 1, 0), end = min(range.upperBound, lines.count)
        return start < end ? lines[start..<end].joined(separator: "\n") : ""
    }

    /// The lines of `body` from the heading with `anchor` to the next heading of the same or a higher level.
    static func section(of body: String, headings: [RenderedMarkdown.Heading], anchor: String) -> String? {
        guard let index = headings.firstIndex(where: { $0.anchor == anchor }) else { return nil }
        let heading = headings[index]
        let end = headings[(index + 1)...].first { $0.level <= heading.level }?.line
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        let last = min((end ?? lines.count + 1) - 1, lines.count)
        guard heading.line - 1 < last else { return nil }
        return lines[(heading.line - 1)..<last].joined(separator: "\n")
    }
}
