import CommonsGit
import CommonsMarkdown

/// A note's Markdown as it may be published as text (its `.md` file, the bundle, past revisions and
/// their diffs). The links its page drops, to notes that are not published, to files under excluded
/// paths or out of the commons, are dropped here too, keeping their text: the page shows no path of a
/// private note, and neither may its source.
struct PublicMarkdown: Sendable {
    private let rewriter: LinkRewriter
    private let resolver: LinkResolver
    private let routes: Routes

    init(_ links: LinkTables) {
        rewriter = links.rewriter
        resolver = links.resolver
        routes = links.routes
    }

    init(_ published: PublishedNotes, routes: Routes) {
        self.init(LinkTables(published, routes: routes))
    }

    /// Each note's Markdown after its front matter, as it may be published: the bundle and the
    /// llms.txt files show the same text.
    func bodies(of notes: [RenderedNote]) -> [NoteID: String] {
        let texts = Lanes.map(notes, lane: {}) { _, note in text(of: note.note.body, writtenAt: note.note.id) }
        return Dictionary(uniqueKeysWithValues: zip(notes.map(\.note.id), texts))
    }

    /// Code as written in the note at `id`, which a page shows as it is: only the links in it that
    /// name a note or file that is not published are dropped. A link to a missing note names nothing
    /// private, and a page teaching Markdown quotes links that lead nowhere.
    func quoted(_ code: String, writtenAt id: NoteID) -> String {
        // A wikilink in code is text, shown as written whatever it names: dropping only those that
        // name private notes would tell which names those are.
        LinkRedaction.apply(to: code, keepWikilink: { _ in true }, keepDestination: { destination in
            !rewriter.rewrite(destination, from: id, pagePath: "").namesWithheld
        })
    }

    /// `markdown` as written in the note at `id` (the note's path when it was written, for a past
    /// revision: relative links resolve from there), with what must not be shown dropped.
    func text(of markdown: String, writtenAt id: NoteID) -> String {
        // A wikilink to a note that is not published becomes its text whether the note is private or
        // missing, as on the page: kept for the one and dropped for the other would tell them apart.
        LinkRedaction.apply(to: markdown, keepWikilink: { link in
            switch link.target.isEmpty ? .found(.note(id)) : resolver.resolve(link.target, from: id) {
            case .found, .ambiguous: true
            case .withheld, .missing: false
            }
        }, keepDestination: { destination in
            switch rewriter.rewrite(destination, from: id, pagePath: "").action {
            case .unlink, .unresolved: false
            case .keep, .replace: true
            }
        })
    }

    /// The published note a link of the note at `id`'s published Markdown goes to, as its page's link
    /// does; nil for a link to a file or out of the commons.
    func note(linkedBy written: PublishedBody.Written, from id: NoteID) -> NoteID? {
        switch written {
        case .wikilink(let link):
            guard !link.target.isEmpty else { return id }
            switch resolver.resolve(link.target, from: id) {
            case .found(.note(let note)), .ambiguous(.note(let note), _): return note
            case .found(.attachment), .ambiguous(.attachment, _), .withheld, .missing: return nil
            }
        case .destination(let destination):
            return rewriter.rewrite(destination, from: id, pagePath: "").note
        }
    }

    /// Published Markdown (`text(of:writtenAt:)`) for readers that do not know wikilinks, the llms.txt
    /// files: each wikilink becomes a Markdown link to the page or file it names, by its URL, and an
    /// embedded image stays an image. What a wikilink names was judged when the Markdown was published:
    /// any left names a published note or file.
    func withMarkdownLinks(_ markdown: String, writtenAt id: NoteID, baseURL: String?) -> String {
        WikilinkRewrite.apply(to: markdown) { link in
            let target: LinkResolver.Target
            switch link.target.isEmpty ? .found(.note(id)) : resolver.resolve(link.target, from: id) {
            case .found(let found), .ambiguous(let found, _): target = found
            case .withheld, .missing: return nil
            }
            let text = Self.linkText(link.readerText)
            switch target {
            case .note(let note):
                guard let page = routes.path(of: note) else { return nil }
                return "[\(text)](\(SitePath.url(of: page, baseURL: baseURL))\(SitePath.encodeFragment(NoteContext.anchor(of: link.fragment))))"
            case .attachment(let path):
                let image = link.isEmbed && NoteContext.imageExtensions.contains(NoteContext.fileExtension(path))
                return (image ? "!" : "") + "[\(text)](\(SitePath.url(of: path, baseURL: baseURL)))"
            }
        }
    }

    /// `text` as the text of a Markdown link: its backslashes and brackets escaped, so that none
    /// ends the link or escapes what follows.
    static func linkText(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }
}
