import CommonsGit
import CommonsMarkdown

/// Stage 4: renders every published note's body with cmark-gfm, resolving its links, and settles its
/// title and description.
enum RenderNotes {
    struct Output {
        var notes: [RenderedNote] = []
        /// Files below the content folder that published notes use, to be copied into the site.
        var usedAttachments: Set<String> = []
        /// Each note's links to published notes, by its place in `notes`, for the link graph.
        var links: [[NoteLink]] = []
        /// Each note's wikilink targets that name nothing, by its place in `notes`.
        var unresolved: [[String]] = []
        var diagnostics: [Diagnostic] = []
        /// How many notes were taken from the cache rather than rendered.
        var reused = 0
    }

    /// `cache` holds the renderings of an earlier build of the same commons; the notes whose inputs are
    /// unchanged are taken from it instead of rendered.
    /// `links` are the tables of `published` (see `LinkTables`).
    /// `known` holds notes' digests made already (`serve`'s, as it parsed them); the cache compares
    /// notes by them.
    static func run(_ published: PublishedNotes, links: LinkTables, options: MarkdownOptions, cache: RenderCache? = nil,
                    digests known: [NoteID: NoteDigest] = [:]) throws -> Output {
        let routes = links.routes
        let bodies = BodyRenderer(published, links: links, options: options)
        cache?.prepare(for: RenderCache.Environment(published, routes: routes, options: options))
        let routed = published.notes.compactMap { note in routes.path(of: note.id).map { (note, $0) } }
        let unknown = cache == nil ? [] : published.notes.filter { known[$0.id] == nil }
        let digests = unknown.isEmpty ? known : known.merging(zip(unknown.map(\.id), Lanes.map(unknown, lane: {}) { _, note in NoteDigest(note) })) { first, _ in first }
        let reused = routed.indices.map { place in cache?.reuse(routed[place].0, at: place, digests: digests) }
        // Notes render independently of each other, so on every core; only cmark-gfm's parsing is
        // serialised (see CmarkDocument).
        let fresh = try Lanes.map(routed.indices.filter { reused[$0] == nil }, lane: {}) { _, index in
            let (rendered, context) = try render(routed[index].0, onPage: routed[index].1, with: bodies)
            return RenderCache.Rendering(rendered, context)
        }
        var renderings = fresh.makeIterator()
        var output = Output()
        var entries: [RenderCache.Entry] = []
        for index in routed.indices {
            let rendering: RenderCache.Rendering
            if let (entry, kept) = reused[index] {
                rendering = kept
                output.reused += 1
                entries.append(entry)
            } else {
                rendering = renderings.next()!
                if let entry = cache?.store(rendering, digests: digests) { entries.append(entry) }
            }
            output.usedAttachments.formUnion(rendering.usedAttachments)
            output.links.append(rendering.links)
            output.unresolved.append(rendering.unresolved)
            output.diagnostics += rendering.diagnostics
            output.notes.append(rendering.rendered)
        }
        cache?.forgetAllBut(routed.map(\.0.id))
        cache?.keep(inOrder: entries)
        return output
    }

    private static func render(_ note: Note, onPage pagePath: String, with bodies: BodyRenderer) throws -> (RenderedNote, NoteContext) {
        let (rendered, bodyContext) = try bodies.render(note, onPage: pagePath, embeddedIn: [])
        var context = bodyContext
        context.report(leftOut: rendered.leftOutHTML)
        let (title, bodyHasTitle) = NoteTitle.of(note, rendered: rendered)
        return (RenderedNote(
                note: note,
                pagePath: pagePath,
                title: title,
                description: note.frontMatter.description ?? rendered.firstParagraph.map(summary),
                html: rendered.html,
                headings: rendered.headings,
                blockIDs: rendered.blockIDs,
                tags: distinctTags(note.frontMatter.tags.map(TagIndex.normalise) + rendered.tags),
                bodyHasTitle: bodyHasTitle,
                usesMath: MathAssets.isUsed(in: rendered.html)
            ), context)
    }

    static func distinctTags(_ tags: [String]) -> [String] {
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
