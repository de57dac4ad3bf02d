import CommonsMarkdown
import Crypto

/// The renderings of an earlier build of the same commons, so that a build renders only what changed:
/// kept in memory between the rebuilds of `serve`, and on disk between builds (see `RenderCache+File`).
///
/// A note's rendering depends on its own text, on the texts of the notes it embeds, and on what its
/// links can reach: the published notes with their names, aliases and pages, the attachments, the
/// withheld names and the options. When any of the latter changes, every note is rendered again;
/// otherwise only the notes whose text or embedded texts changed. Notes are compared by digest
/// (`NoteDigest`), so that the cache need not keep them.
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

        /// A SHA-256 of all of it, in a fixed order, for the file to say what its renderings were made in.
        var digest: [UInt8] {
            var writer = BinaryWriter()
            writer.write(notes) { $0.write($1.path) }
            writer.write(aliases) { writer, names in writer.write(names) { $0.write($1) } }
            writer.write(routes.slugs.sorted { $0.key.path.precedesInBytes($1.key.path) }) { writer, route in
                writer.write(route.key.path)
                writer.write(route.value.value)
            }
            writer.write(routes.home?.path)
            writer.write(attachments.sorted { $0.precedesInBytes($1) }) { $0.write($1) }
            withheld.write(into: &writer)
            writer.write(options.unsafeHTML)
            writer.write(options.lineBreaks)
            return Array(SHA256.hash(data: writer.bytes))
        }
    }

    /// What rendering one note gives, beside its page: what its links found.
    struct Rendering {
        var rendered: RenderedNote
        var usedAttachments: [String]
        var links: [NoteLink]
        var unresolved: [String]
        var diagnostics: [Diagnostic]
        /// The notes embedded in it, at any depth: it changes when any of them does.
        var embedded: [NoteID]

        init(_ rendered: RenderedNote, _ context: NoteContext) {
            self.init(rendered: rendered, usedAttachments: context.usedAttachments, links: context.links,
                      unresolved: context.unresolved, diagnostics: context.diagnostics, embedded: context.embedded)
        }

        init(rendered: RenderedNote, usedAttachments: [String], links: [NoteLink], unresolved: [String], diagnostics: [Diagnostic], embedded: [NoteID]) {
            self.rendered = rendered
            self.usedAttachments = usedAttachments
            self.links = links
            self.unresolved = unresolved
            self.diagnostics = diagnostics
            self.embedded = embedded
        }
    }

    /// A class: each rebuild of `serve` looks up every note's, and the build keeps the map of them
    /// while the next one changes it, so that a copy of the map copies one reference an entry.
    final class Entry: Sendable {
        let rendering: Rendering
        let digest: NoteDigest
        /// The embedded notes' digests when it was rendered.
        let embedded: [NoteID: NoteDigest]

        init(rendering: Rendering, digest: NoteDigest, embedded: [NoteID: NoteDigest]) {
            (self.rendering, self.digest, self.embedded) = (rendering, digest, embedded)
        }
    }

    /// What links could reach in the last build.
    private(set) var environment: Environment?
    private(set) var environmentDigest: [UInt8]?
    private(set) var entries: [NoteID: Entry] = [:]
    /// Whether the last build rendered or dropped any note, so that the file needs writing.
    private(set) var changed = false
    /// The entries of the last build's notes, in its order. While the environment is the same so are
    /// the notes and their order, and a note's entry is found by its place, without a look-up by path.
    private var inOrder: [Entry] = []

    /// The entries of a cache file, read only if a build's environment is theirs.
    private var unread: BinaryReader?

    init() {}

    init(environmentDigest: [UInt8], unread: BinaryReader) {
        self.environmentDigest = environmentDigest
        self.unread = unread
    }

    func prepare(for environment: Environment) {
        // `serve`'s next build, where an edit left the environment as it was: its digest, all the
        // notes' paths sorted and hashed, need not be made again.
        if unread == nil, let current = self.environment, current == environment {
            changed = false
            return
        }
        let digest = environment.digest
        if let unread, digest == environmentDigest {
            entries = Self.entries(unread)
        }
        unread = nil
        inOrder = []
        // Renderings made for another environment are dropped, and so is the file that holds them.
        changed = digest != environmentDigest && environmentDigest != nil
        if digest != environmentDigest { entries = [:] }
        self.environment = environment
        environmentDigest = digest
    }

    /// The earlier rendering of `note`, at `place` in the build's order, if neither it nor any note it
    /// embeds has changed since, with its entry. The rendering's note is `note` itself, which is the
    /// one rendered, byte for byte.
    func reuse(_ note: Note, at place: Int, digests: [NoteID: NoteDigest]) -> (Entry, Rendering)? {
        let entry: Entry
        // `serve` hands on the very note it parsed before, which is unchanged.
        if place < inOrder.count, inOrder[place].rendering.rendered.note === note {
            entry = inOrder[place]
        } else {
            guard let found = entries[note.id], found.digest == digests[note.id] else { return nil }
            entry = found
        }
        guard entry.embedded.allSatisfy({ digests[$0.key] == $0.value }) else { return nil }
        var rendering = entry.rendering
        if rendering.rendered.note !== note { rendering.rendered = rendering.rendered.with(note: note) }
        return (entry, rendering)
    }

    /// Keeps a note's fresh rendering.
    func store(_ rendering: Rendering, digests: [NoteID: NoteDigest]) -> Entry {
        let id = rendering.rendered.note.id
        changed = true
        let entry = Entry(rendering: rendering, digest: digests[id]!,
                          embedded: Dictionary(rendering.embedded.compactMap { id in digests[id].map { (id, $0) } }, uniquingKeysWith: { first, _ in first }))
        entries[id] = entry
        return entry
    }

    /// Keeps the entries of the build's notes in its order, for the next build to find them by place.
    func keep(inOrder entries: [Entry]) {
        inOrder = entries
    }

    /// Forgets the notes other than `ids`, every note the build rendered or reused, each of which it holds.
    func forgetAllBut(_ ids: [NoteID]) {
        // Most builds remove no note, and then nothing is left to forget.
        guard entries.count != ids.count else { return }
        let kept = Set(ids)
        // Most builds forget nothing: the entries are not copied then.
        let gone = entries.keys.filter { !kept.contains($0) }
        for id in gone { entries[id] = nil }
        changed = changed || !gone.isEmpty
    }
}

extension RenderedNote {
    /// The same rendering, for an equal note (one with the same digest).
    func with(note: Note) -> RenderedNote {
        RenderedNote(note: note, pagePath: pagePath, title: title, description: description, html: html, headings: headings,
                     blockIDs: blockIDs, tags: tags, bodyHasTitle: bodyHasTitle, usesMath: usesMath)
    }
}
