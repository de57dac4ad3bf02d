import CommonsMarkdown

/// Stage 4: renders every published note's body with cmark-gfm, resolving its links, and settles its
/// title and description.
enum RenderNotes {
    struct Output {
        var notes: [RenderedNote] = []
        /// Files below the content folder that published notes use, to be copied into the site.
        var usedAttachments: Set<String> = []
        /// Every link between published notes, for the link graph.
        var links: [NoteLink] = []
        /// Wikilink targets that name nothing, with the note that wants each.
        var unresolved: [(target: String, source: NoteID)] = []
        var diagnostics: [Diagnostic] = []
    }

    static func run(_ published: PublishedNotes, routes: Routes, options: MarkdownOptions) throws -> Output {
        let bodies = BodyRenderer(published, routes: routes, options: options)
        var output = Output()
        for note in published.notes {
            guard let pagePath = routes.path(of: note.id) else { continue }
            let (rendered, context) = try bodies.render(note, onPage: pagePath, embeddedIn: [])
            output.usedAttachments.formUnion(context.usedAttachments)
            output.links += context.links
            output.unresolved += context.unresolved.map { ($0, note.id) }
            output.diagnostics += context.diagnostics
            output.notes.append(RenderedNote(
                note: note,
                pagePath: pagePath,
                title: note.frontMatter.title
                    ?? rendered.headings.first { $0.level == 1 }?.text.trimmed.nonEmpty
                    ?? note.id.baseName,
                description: note.frontMatter.description ?? rendered.firstParagraph.map(summary),
                html: rendered.html,
                headings: rendered.headings,
                blockIDs: rendered.blockIDs,
                tags: distinctTags(note.frontMatter.tags.map(TagIndex.normalise) + rendered.tags),
                bodyHasTitle: rendered.opensWithTitleHeading
            ))
        }
        return output
    }

    private static func distinctTags(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        return tags.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    /// The first paragraph cut at a word boundary, short enough for a search result or a link preview.
    static func summary(_ text: String) -> String {
        let limit = 200
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}

/// Renders note bodies with their links resolved, and embedded notes rendered in place.
struct BodyRenderer {
    /// Embeds may nest this deep; deeper ones are cut like cycles, so no commons can make a build hang.
    static let maximumEmbedDepth = 8

    let renderer: MarkdownRenderer
    let rewriter: LinkRewriter
    let resolver: LinkResolver
    let routes: Routes
    let notes: [NoteID: Note]

    init(_ published: PublishedNotes, routes: Routes, options: MarkdownOptions) {
        renderer = MarkdownRenderer(options: options)
        rewriter = LinkRewriter(
            routes: routes,
            // Paths that differ only in Unicode normalisation are one key to Swift; the first note wins
            // (the routes stage has already reported the clash of their URLs).
            notesByPath: Dictionary(published.notes.map { ($0.id.path, $0.id) }) { first, _ in first },
            attachments: published.attachments
        )
        resolver = LinkResolver(published)
        self.routes = routes
        notes = Dictionary(published.notes.map { ($0.id, $0) }) { first, _ in first }
    }

    /// Renders `text` (the note's body, or a section of it) for the page at `pagePath`.
    func render(_ note: Note, text: String? = nil, onPage pagePath: String, embeddedIn stack: [NoteID]) throws -> (RenderedMarkdown, NoteContext) {
        // An embedded note's ids would repeat ids of the page around it.
        let isEmbedded = !stack.isEmpty
        var context = NoteContext(note: note, pagePath: pagePath, stack: stack + [note.id])
        let rendered: RenderedMarkdown
        do {
            rendered = try renderer.render(text ?? note.body, rewrite: { link in
                let outcome = rewriter.rewrite(link.destination, from: note.id, pagePath: pagePath)
                context.record(outcome, for: link)
                return outcome.action
            }, wikilink: { link in
                context.render(link, with: self)
            }, tagHref: { tag in
                SitePath.root(fromPage: pagePath) + SitePath.encode(TagIndex.pagePath(of: tag.lowercased()))
            }, elementIDs: !isEmbedded)
        } catch {
            throw BuildError("\(note.sourcePath): error: \(error)")
        }
        return (rendered, context)
    }

    /// The HTML of an embedded note, or of one of its sections, for the page that embeds it.
    func embed(_ id: NoteID, fragment: String?, onPage pagePath: String, stack: [NoteID], usedAttachments: inout [String]) -> String {
        guard let note = notes[id] else { return "" }
        let title = HTMLEscape.text(note.frontMatter.title ?? note.id.baseName)
        guard !stack.contains(id), stack.count < Self.maximumEmbedDepth else {
            return "<p class=\"embed-cycle\">Embed of “\(title)” left out: it would contain itself.</p>\n"
        }
        guard var (rendered, context) = try? render(note, onPage: pagePath, embeddedIn: stack) else { return "" }
        if let fragment, !fragment.hasPrefix("^"), let section = Self.section(of: note.body, headings: rendered.headings, anchor: HeadingAnchors.slug(fragment)),
           let (sectionRendered, sectionContext) = try? render(note, text: section, onPage: pagePath, embeddedIn: stack) {
            (rendered, context) = (sectionRendered, sectionContext)
        }
        usedAttachments += context.usedAttachments
        let href = HTMLEscape.text(routes.href(to: id, fromPage: pagePath) ?? "")
        return "<div class=\"embed\">\n<p class=\"embed-title\"><a href=\"\(href)\">\(title)</a></p>\n\(rendered.html)</div>\n"
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

/// What rendering one note finds out about its links.
struct NoteContext {
    let note: Note
    let pagePath: String
    /// The notes being rendered, outermost first, this one last: an embed of any of them is a cycle.
    let stack: [NoteID]
    var usedAttachments: [String] = []
    var links: [NoteLink] = []
    var unresolved: [String] = []
    var diagnostics: [Diagnostic] = []

    init(note: Note, pagePath: String, stack: [NoteID]) {
        self.note = note
        self.pagePath = pagePath
        self.stack = stack
    }

    mutating func record(_ outcome: LinkRewriter.Outcome, for link: RenderedMarkdown.Link) {
        if let attachment = outcome.attachment { usedAttachments.append(attachment) }
        if let target = outcome.note {
            let fragment = link.destination.firstIndex(of: "#").map { String(link.destination[link.destination.index(after: $0)...]) }
            links.append(NoteLink(source: note.id, target: target, fragment: fragment?.removingPercentEncoding?.nonEmpty,
                                  text: "", isEmbed: false, context: link.context,
                                  line: link.line + note.bodyLineOffset, column: link.column))
        }
        if let problem = outcome.problem { warn(problem, line: link.line, column: link.column, rule: "broken-link") }
    }

    mutating func render(_ link: Wikilink, with bodies: BodyRenderer) -> WikilinkRendering {
        let (resolver, routes) = (bodies.resolver, bodies.routes)
        let text = link.isEmbed ? (link.display.flatMap { Int($0) == nil ? $0 : nil } ?? link.defaultText) : (link.display ?? link.defaultText)
        let resolution = link.target.isEmpty ? .found(.note(note.id)) : resolver.resolve(link.target, from: note.id)
        let target: LinkResolver.Target
        switch resolution {
        case .found(let found):
            target = found
        case .ambiguous(let found, let candidates):
            warn("[[\(link.target)]] could mean \(candidates.joined(separator: ", ")); it links to the first", link, rule: "ambiguous-link")
            target = found
        case .withheld:
            warn("[[\(link.target)]] names a note that is not published; it is shown as plain text", link, rule: "private-link")
            return .text(text)
        case .missing:
            warn("unresolved link [[\(link.target)]]", link, rule: "unresolved-link")
            unresolved.append(link.target)
            return .unresolved(text: text)
        }
        switch target {
        case .note(let id):
            let anchor = link.fragment.map { $0.hasPrefix("^") ? "#" + $0 : "#" + HeadingAnchors.slug($0) } ?? ""
            let page = id == note.id && !anchor.isEmpty ? "" : (routes.href(to: id, fromPage: pagePath) ?? "")
            links.append(NoteLink(source: note.id, target: id, fragment: link.fragment, text: text, isEmbed: link.isEmbed,
                                  context: link.context, line: link.line + note.bodyLineOffset, column: link.column))
            if link.isEmbed && link.standsAlone {
                if stack.contains(id) {
                    warn("![[\(link.target)]] would embed a note inside itself; the embed is cut", link, rule: "embed-cycle")
                }
                return .block(html: bodies.embed(id, fragment: link.fragment, onPage: pagePath, stack: stack, usedAttachments: &usedAttachments))
            }
            return .link(href: page + SitePath.encodeFragment(anchor), text: text)
        case .attachment(let path):
            usedAttachments.append(path)
            let href = SitePath.root(fromPage: pagePath) + SitePath.encode(path)
            guard link.isEmbed else { return .link(href: href, text: text) }
            switch Self.fileExtension(path) {
            case "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp":
                return .image(src: href, alt: text, width: link.display.flatMap { Int($0) })
            case "mp3", "wav", "ogg", "oga", "m4a", "flac", "opus": return .media(.audio, src: href, title: text)
            case "mp4", "webm", "ogv", "mov", "m4v": return .media(.video, src: href, title: text)
            case "pdf": return .media(.pdf, src: href, title: text)
            default: return .link(href: href, text: text)
            }
        }
    }

    private static func fileExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }

    private mutating func warn(_ message: String, _ link: Wikilink, rule: String) {
        warn(message, line: link.line, column: link.column, rule: rule)
    }

    private mutating func warn(_ message: String, line: Int, column: Int, rule: String) {
        diagnostics.append(Diagnostic(path: note.sourcePath, line: line + note.bodyLineOffset, column: column, message: message, rule: rule))
    }
}
