import CommonsMarkdown

/// Renders a note's past version for its page. The version is what `PublicMarkdown` kept of it, read
/// as the note it was then, at the path it had, so that its relative links resolve from there. Its
/// links lead to what is published now; the rest show as their text. A file only the past version
/// used is not in the site, so a link to it shows as text too.
struct PastVersionRenderer: Sendable {
    private let bodies: BodyRenderer
    /// A digest of all a rendering depends on besides the version's text and path, when the version
    /// embeds no note: what links can reach (`RenderCache.Environment`, `environment`), and the files
    /// the site holds.
    let environment: String

    /// `copied`: the files of the content folder that the site holds, because its notes use them now.
    /// `environment`: the digest of what the notes' links could reach when they were rendered.
    init(_ published: PublishedNotes, copied: Set<String>, routes: Routes, options: MarkdownOptions, environment: [UInt8]) {
        bodies = BodyRenderer(published.keeping(attachments: copied), routes: routes, options: options)
        var writer = BinaryWriter()
        writer.write(raw: environment)
        writer.write(copied.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { $0.write($1) }
        self.environment = PageDigest(of: writer.bytes).hex
    }

    /// Whether a version's rendering depends on other notes' text, as an embed of one does: then
    /// `environment` does not say all it depends on.
    static func embeds(_ markdown: String) -> Bool {
        markdown.holdsBytes("![[")
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
