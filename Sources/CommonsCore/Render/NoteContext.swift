import CommonsMarkdown

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
    /// The notes embedded here, at any depth: the page changes when any of them does.
    var embedded: [NoteID] = []

    init(note: Note, pagePath: String, stack: [NoteID]) {
        self.note = note
        self.pagePath = pagePath
        self.stack = stack
    }

    mutating func record(_ outcome: LinkRewriter.Outcome, for link: RenderedMarkdown.Link) {
        if let attachment = outcome.attachment { usedAttachments.append(attachment) }
        if let target = outcome.note {
            links.append(NoteLink(source: note.id, target: target, fragment: NoteLink.fragment(ofDestination: link.destination),
                                  text: "", isEmbed: false, context: link.context,
                                  line: link.line + note.bodyLineOffset, column: link.column))
        }
        if let problem = outcome.problem { report(problem, line: link.line, column: link.column, rule: outcome.rule) }
    }

    /// Reports what the sanitiser left out of the note's raw HTML, each kind of thing once, where it is
    /// first met: a note of a hundred `<span class=…>` gets one warning, not a hundred.
    mutating func report(leftOut: [RenderedMarkdown.LeftOutHTML]) {
        var counts: [String: Int] = [:]
        for item in leftOut { counts[item.description, default: 0] += 1 }
        for item in leftOut where counts[item.description] != nil {
            let count = counts.removeValue(forKey: item.description)!
            report("raw HTML left out: \(item)" + (count > 1 ? " (\(count) times, the first here)" : ""), line: item.line, column: item.column, rule: .unsafeHTML)
        }
    }

    /// `budget` is what the page this note is rendered for may still embed.
    mutating func render(_ link: Wikilink, with bodies: BodyRenderer, budget: EmbedBudget) -> WikilinkRendering {
        let (resolver, routes) = (bodies.resolver, bodies.routes)
        let text = link.readerText
        let resolution = link.target.isEmpty ? .found(.note(note.id)) : resolver.resolve(link.target, from: note.id)
        let target: LinkResolver.Target
        switch resolution {
        case .found(let found):
            target = found
        case .ambiguous(let found, let candidates):
            report("[[\(link.target)]] could mean \(candidates.joined(separator: ", ")); it links to the first", link, rule: .ambiguousLink)
            target = found
        case .withheld:
            report("[[\(link.target)]] names a note that is not published; it is shown as an unresolved link", link, rule: .privateLink)
            return wanted(link, text: text)
        case .missing:
            report("unresolved link [[\(link.target)]]", link, rule: .unresolvedLink)
            return wanted(link, text: text)
        }
        switch target {
        case .note(let id):
            let anchor = Self.anchor(of: link.fragment)
            // A link to a part of the page's own note stays on the page; from a note embedded in
            // another's page, it goes to that note's page, where the part is.
            let page = id == note.id && id == stack.first && !anchor.isEmpty ? "" : (routes.href(to: id, fromPage: pagePath) ?? "")
            links.append(NoteLink(source: note.id, target: id, fragment: link.fragment, text: text, isEmbed: link.isEmbed,
                                  context: link.context, line: link.line + note.bodyLineOffset, column: link.column))
            // An embed inside a sentence stands between its halves, as in Obsidian.
            if link.isEmbed && (link.standsAlone || link.isInParagraph) {
                if BodyRenderer.embedsItself(id, fragment: link.fragment, stack: stack) {
                    report("![[\(link.target)]] would embed a note inside itself; the embed is cut", link, rule: .embedCycle)
                }
                return .block(html: bodies.embed(id, fragment: link.fragment, onPage: pagePath, stack: stack, budget: budget,
                                                   usedAttachments: &usedAttachments, embedded: &embedded))
            }
            return .link(href: page + SitePath.encodeFragment(anchor), text: text)
        case .attachment(let path):
            usedAttachments.append(path)
            let href = SitePath.root(fromPage: pagePath) + SitePath.encode(path)
            guard link.isEmbed else { return .link(href: href, text: text) }
            let kind = Self.fileExtension(path)
            if Self.imageExtensions.contains(kind) { return .image(src: href, alt: text, size: link.imageSize) }
            switch kind {
            case "mp3", "wav", "ogg", "oga", "m4a", "flac", "opus": return .media(.audio, src: href, title: text)
            case "mp4", "webm", "ogv", "mov", "m4v": return .media(.video, src: href, title: text)
            case "pdf": return .media(.pdf, src: href, title: text)
            default: return .link(href: href, text: text)
            }
        }
    }

    /// A link to a note that is not published looks exactly like a link to one that does not exist,
    /// on the page and in the wanted list, so that no reader can tell which names are private notes.
    /// A target is listed as wanted only when the page shows it, as a link without display text.
    private mutating func wanted(_ link: Wikilink, text: String) -> WikilinkRendering {
        if link.display == nil { unresolved.append(link.target) }
        return .unresolved(text: text)
    }

    /// The `#anchor` a wikilink's fragment names on its target's page: a heading's id, or a block's.
    static func anchor(of fragment: String?) -> String {
        fragment.map { $0.hasPrefix("^") ? "#" + $0 : "#" + HeadingAnchors.slug($0) } ?? ""
    }

    /// The files an embed shows as an image.
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp"]

    static func fileExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }

    private mutating func report(_ message: String, _ link: Wikilink, rule: Rule) {
        report(message, line: link.line, column: link.column, rule: rule)
    }

    private mutating func report(_ message: String, line: Int, column: Int, rule: Rule) {
        diagnostics.append(Diagnostic(path: note.sourcePath, line: line + note.bodyLineOffset, column: column, message: message, rule: rule))
    }
}
