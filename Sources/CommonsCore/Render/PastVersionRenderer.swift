import CommonsMarkdown

/// Renders a note's past version for its page. The version is what `PublicMarkdown` kept of it, read
/// as the note it was then, at the path it had, so that its relative links resolve from there. Its
/// links lead to what is published now; the rest show as their text. A file only the past version
/// used is not in the site, so a link to it shows as text too.
struct PastVersionRenderer: Sendable {
    private let published: PublishedNotes
    private let links: LinkTables
    private let copied: Set<String>
    private let options: MarkdownOptions
    /// Made when a version is first rendered or read for its embeds: `serve` lays out a note's page
    /// after an edit without it, and its table of every note.
    private let renderer = MadeOnce<BodyRenderer>()
    /// A digest of all a rendering depends on besides the version's text and path and the notes it
    /// embeds: what links can reach (`RenderCache.Environment`, `environment`), and the files the
    /// site holds.
    let environment: String
    /// The digests each note was rendered from (see `PublishedCommons.renderedDigests`).
    private let renderedDigests: [NoteID: RenderCache.Entry]

    /// `copied`: the files of the content folder that the site holds, because its notes use them now.
    /// `environment`: the digest of what the notes' links could reach when they were rendered.
    /// `links`: the tables of `published`.
    init(_ published: PublishedNotes, links: LinkTables, copied: Set<String>, options: MarkdownOptions, environment: [UInt8],
         renderedDigests: [NoteID: RenderCache.Entry]) {
        (self.published, self.links, self.copied, self.options) = (published, links, copied, options)
        var writer = BinaryWriter()
        writer.write(raw: environment)
        writer.write(copied.sorted { $0.precedesInBytes($1) }) { $0.write($1) }
        self.environment = PageDigest(of: writer.bytes).hex
        self.renderedDigests = renderedDigests
    }

    private var bodies: BodyRenderer {
        renderer.value {
            let linkable = published.keeping(attachments: copied)
            return BodyRenderer(linkable, links: links.linking(toFilesOf: linkable), options: options)
        }
    }

    /// A digest of the texts of the notes a version embeds now, at any depth, and of the notes they
    /// embed: with `environment`, its text and its path, all its rendering depends on. Every `![[` the
    /// conservative scan of `LinkRedaction` finds counts, in code too, so that none the rendering
    /// finds is missed. Nil when a note it embeds was not rendered this build.
    func embedsDigest(_ markdown: String, writtenAt path: String) -> String? {
        guard markdown.holdsBytes("![[") else { return "" }
        let source = NoteID(path: path)
        var targets: [String] = []
        _ = LinkRedaction.apply(to: markdown, keepWikilink: { link in
            if link.isEmbed { targets.append(link.target) }
            return true
        }, keepDestination: { _ in true })
        var writer = BinaryWriter()
        for target in targets {
            let embedded: NoteID
            if target.isEmpty {
                // The version's own path: the note there now, if any.
                guard renderedDigests[source] != nil else { continue }
                embedded = source
            } else {
                switch bodies.resolver.resolve(target, from: source) {
                case .found(.note(let id)), .ambiguous(.note(let id), _): embedded = id
                case .found(.attachment), .ambiguous(.attachment, _), .withheld, .missing: continue
                }
            }
            guard let entry = renderedDigests[embedded] else { return nil }
            writer.write(embedded.path)
            writer.write(raw: entry.digest.bytes)
            writer.write(entry.embedded.sorted { $0.key.path.precedesInBytes($1.key.path) }) { writer, pair in
                writer.write(pair.key.path)
                writer.write(raw: pair.value.bytes)
            }
        }
        return PageDigest(of: writer.bytes).hex
    }

    struct Rendered {
        let title: String
        let bodyHasTitle: Bool
        let html: String
    }

    /// The version written at `path` (below the content folder), for the page in `pagePath`. What its
    /// links find is not reported: the build's warnings are about the notes as they are now.
    func render(_ markdown: String, writtenAt path: String, onPage pagePath: String) throws -> Rendered {
        let note = ParseNotes.parse(markdown, id: NoteID(path: path), sourcePath: path).0
        let rendered = try bodies.render(note, onPage: pagePath, embeddedIn: []).0
        let (title, bodyHasTitle) = NoteTitle.of(note, rendered: rendered)
        return Rendered(title: title, bodyHasTitle: bodyHasTitle, html: rendered.html)
    }
}
