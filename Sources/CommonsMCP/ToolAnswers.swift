import CommonsCore

/// The shapes of the tools' answers. Fields keep the bundle's names, so an agent that knows
/// `commons.schema.json` knows these.
struct SearchAnswer: Encodable {
    let query: String
    let hits: [NoteSearch.Hit]
    let nextCursor: String?
}

struct NoteAnswer: Encodable {
    let id: String
    let path: String
    let url: String
    let title: String
    let aliases: [String]
    let tags: [String]
    let frontMatter: FrontMatterJSON
    let created: BundleDocument.Moment?
    let updated: BundleDocument.Moment?
    let authors: [BundleDocument.Author]
    let revisions: Int
    let historyTruncated: Bool
    let markdown: String
    let headings: [BundleDocument.Heading]
    let links: [LinkAnswer]
    let backlinks: [BacklinkAnswer]

    init(_ note: BundleDocument.Note, library: NoteLibrary) {
        id = note.id
        path = note.path
        url = note.url
        title = note.title
        aliases = note.aliases
        tags = note.tags
        frontMatter = note.frontMatter
        created = note.created
        updated = note.updated
        authors = note.authors
        revisions = note.revisions
        historyTruncated = note.historyTruncated
        markdown = note.markdown
        headings = note.headings
        links = library.links(of: note)
        backlinks = library.backlinks(of: note)
    }
}

/// One section of a note, as its Markdown: what an agent that asked for a part reads, and no more.
struct SectionAnswer: Encodable {
    struct Section: Encodable {
        let anchor: String
        let heading: String
        let markdown: String
    }

    let id: String
    let title: String
    let url: String
    let section: Section

    init(_ note: BundleDocument.Note, section wanted: String) throws(ToolError) {
        let parts = note.parts.filter { $0.anchor != nil }
        guard let found = parts.first(where: { $0.anchor == wanted }) ?? parts.first(where: { $0.heading?.lowercased() == wanted.lowercased() }),
              let anchor = found.anchor, let heading = found.heading else {
            let known = parts.compactMap(\.anchor)
            throw ToolError("'\(note.id)' has no section '\(wanted)'"
                            + (known.isEmpty ? "; it has no headings" : "; its sections are: \(known.joined(separator: ", "))"))
        }
        id = note.id
        title = note.title
        url = note.url + "#" + anchor
        section = Section(anchor: anchor, heading: heading, markdown: found.markdown)
    }
}

struct ListedNote: Encodable {
    let id: String
    let title: String
    let path: String
    let url: String
    let tags: [String]
    let updated: BundleDocument.Moment?

    init(_ note: BundleDocument.Note) {
        id = note.id
        title = note.title
        path = note.path
        url = note.url
        tags = note.tags
        updated = note.updated
    }
}

struct TagCount: Encodable {
    let tag: String
    let notes: Int
}

struct LinkAnswer: Encodable {
    let target: String
    let title: String?
    let anchor: String?
    let text: String
    let embed: Bool

    init(_ link: BundleDocument.Link, title: String?) {
        target = link.target
        self.title = title
        anchor = link.anchor
        text = link.text
        embed = link.embed
    }
}

struct BacklinkAnswer: Encodable {
    let source: String
    let title: String?
    let context: String

    init(_ backlink: BundleDocument.Backlink, title: String?) {
        source = backlink.source
        self.title = title
        context = backlink.context
    }
}

struct HistoryAnswer: Encodable {
    let id: String
    /// How many revisions the note has, however many `history` lists.
    let revisions: Int
    let historyTruncated: Bool
    let history: [BundleDocument.Revision]
    let nextCursor: String?
}

/// The notes within a few links of one, either way, nearest first, each with the links it makes to
/// the others: a page of nodes carries its own edges.
struct Neighbourhood: Encodable {
    struct Node: Encodable {
        let id: String
        let title: String
        let url: String
        let depth: Int
        /// The notes of the neighbourhood this one links to.
        let links: [String]
    }

    let center: String
    let depth: Int
    let nodes: [Node]
    let total: Int
    let nextCursor: String?

    init(around center: String, depth: Int, in library: NoteLibrary, paging: Paging) throws {
        var distance = [center: 0]
        var frontier = [center]
        for step in 1...depth {
            frontier = frontier.flatMap { library.neighbours(of: $0) }.filter { distance[$0] == nil }
            for id in frontier where distance[id] == nil { distance[id] = step }
        }
        let order = { (lhs: String, rhs: String) in lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
        let ids = distance.keys.sorted { distance[$0]! != distance[$1]! ? distance[$0]! < distance[$1]! : order($0, $1) }
        let nodes = ids.compactMap { id in
            (try? library.note(id: id)).map { note in
                var seen: Set<String> = []
                let links = note.links.map(\.target).filter { distance[$0] != nil && $0 != id && seen.insert($0).inserted }
                return Node(id: id, title: note.title, url: note.url, depth: distance[id]!, links: links.sorted(by: order))
            }
        }
        let page = try paging.page(of: nodes)
        self.center = center
        self.depth = depth
        self.nodes = page.items
        total = page.total
        nextCursor = page.nextCursor
    }
}
