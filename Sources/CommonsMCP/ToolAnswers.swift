import CommonsCore

/// The shapes of the tools' answers. Fields keep the bundle's names, so an agent that knows
/// `commons.schema.json` knows these.
struct SearchAnswer: Encodable {
    let query: String
    let hits: [NoteSearch.Hit]
}

struct NoteAnswer: Encodable {
    struct Section: Encodable {
        let anchor: String?
        let heading: String?
        let text: String
    }

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
    /// The whole note, unless one section was asked for.
    let markdown: String?
    let section: Section?
    let headings: [BundleDocument.Heading]
    let links: [LinkAnswer]
    let backlinks: [BacklinkAnswer]

    init(_ note: BundleDocument.Note, section wanted: String?, library: NoteLibrary) throws(ToolError) {
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
        headings = note.headings
        links = library.links(of: note)
        backlinks = library.backlinks(of: note)
        guard let wanted else {
            markdown = note.markdown
            section = nil
            return
        }
        let sections = note.sections.filter { $0.anchor != nil }
        guard let found = sections.first(where: { $0.anchor == wanted })
                ?? sections.first(where: { $0.heading?.lowercased() == wanted.lowercased() }) else {
            let known = sections.compactMap(\.anchor)
            throw ToolError("'\(note.id)' has no section '\(wanted)'"
                            + (known.isEmpty ? "; it has no headings" : "; its sections are: \(known.joined(separator: ", "))"))
        }
        markdown = nil
        section = Section(anchor: found.anchor, heading: found.heading, text: found.text)
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

struct LinksAnswer: Encodable {
    let id: String
    let links: [LinkAnswer]
}

struct BacklinksAnswer: Encodable {
    let id: String
    let backlinks: [BacklinkAnswer]
}

struct HistoryAnswer: Encodable {
    let id: String
    /// How many revisions the note has, however many `history` lists.
    let revisions: Int
    let historyTruncated: Bool
    let history: [BundleDocument.Revision]
}

/// The notes within a few links of one, either way, and the links among them.
struct Neighbourhood: Encodable {
    struct Node: Encodable {
        let id: String
        let title: String
        let url: String
        let depth: Int
    }

    struct Edge: Encodable, Hashable {
        let source: String
        let target: String
    }

    let center: String
    let depth: Int
    let nodes: [Node]
    let edges: [Edge]

    init(around center: String, depth: Int, in library: NoteLibrary) {
        var distance = [center: 0]
        var frontier = [center]
        for step in 1...depth {
            frontier = frontier.flatMap { library.neighbours(of: $0) }.filter { distance[$0] == nil }
            for id in frontier where distance[id] == nil { distance[id] = step }
        }
        let order = { (lhs: String, rhs: String) in lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
        let ids = distance.keys.sorted { distance[$0]! != distance[$1]! ? distance[$0]! < distance[$1]! : order($0, $1) }
        self.center = center
        self.depth = depth
        nodes = ids.compactMap { id in
            (try? library.note(id: id)).map { Node(id: id, title: $0.title, url: $0.url, depth: distance[id]!) }
        }
        let edges = Set(ids.flatMap { id in
            ((try? library.note(id: id))?.links ?? []).filter { distance[$0.target] != nil && $0.target != id }.map { Edge(source: id, target: $0.target) }
        })
        self.edges = edges.sorted { $0.source != $1.source ? order($0.source, $1.source) : order($0.target, $1.target) }
    }
}
