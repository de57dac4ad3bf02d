import CommonsMarkdown

/// The renderings of an earlier build of the same commons, for `serve` to render only what an edit
/// touched.
///
/// A note's rendering depends on its own text, on the texts of the notes it embeds, and on what its
/// links can reach: the published notes with their names, aliases and pages, the attachments, the
/// withheld names and the options. When any of the latter changes, every note is rendered again;
/// otherwise only the notes whose text or embedded texts changed.
final class RenderCache {
    struct Environment: Equatable {
        let notes: [NoteID]
        let aliases: [[String]]
        let routes: Routes
        let attachments: Set<String>
        let withheld: WithheldNames
        let options: MarkdownOptions

        init(_ published: PublishedNotes, routes: Routes, options: MarkdownOptions) {
            notes = published.notes.map(\.id)
            aliases = published.notes.map(\.frontMatter.aliases)
            self.routes = routes
            attachments = published.attachments
            withheld = published.withheld
            self.options = options
        }
    }

    private struct Entry {
        let rendered: RenderedNote
        let context: NoteContext
        /// The embedded notes as they were when the note was rendered.
        let embedded: [Note]
    }

    /// What links could reach in the last build.
    private(set) var environment: Environment?
    private var entries: [NoteID: Entry] = [:]
    /// How many notes the last build took from the cache, for tests and the log.
    private(set) var reused = 0

    func prepare(for environment: Environment) {
        if environment != self.environment { entries = [:] }
        self.environment = environment
        reused = 0
    }

    /// The earlier rendering of `note`, if neither it nor any note it embeds has changed since.
    func reuse(_ note: Note, current notes: [NoteID: Note]) -> (RenderedNote, NoteContext)? {
        guard let entry = entries[note.id], Self.same(entry.rendered.note, note),
              entry.embedded.allSatisfy({ embedded in notes[embedded.id].map { Self.same($0, embedded) } ?? false }) else { return nil }
        reused += 1
        return (entry.rendered, entry.context)
    }

    /// Equal, and equal in bytes: Swift's string equality takes NFC and NFD spellings as one, cmark-gfm does not.
    private static func same(_ left: Note, _ right: Note) -> Bool {
        left == right && left.body.utf8.elementsEqual(right.body.utf8)
    }

    func store(_ rendered: RenderedNote, _ context: NoteContext, embedding notes: [NoteID: Note]) {
        entries[rendered.note.id] = Entry(rendered: rendered, context: context, embedded: context.embedded.compactMap { notes[$0] })
    }

    func forgetAllBut(_ ids: [NoteID]) {
        let kept = Set(ids)
        entries = entries.filter { kept.contains($0.key) }
    }
}
