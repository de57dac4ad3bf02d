import Mustache

/// The link graph as the theme's graph view draws it: notes as nodes, and an edge wherever one note
/// links to another, either way. The whole graph goes to the graph page; each note page carries the
/// notes it links to and that link to it.
struct GraphView: Sendable {
    /// What the script draws: each node's title and page path from the site root (percent-encoded),
    /// and the edges as pairs of node numbers, flattened.
    struct Drawing: Encodable {
        let nodes: [[String]]
        let links: [Int]
        /// How many links each node is from the note a local graph is drawn for; absent on the whole graph.
        let depths: [Int]?
    }

    /// A drawing as the JSON a template puts in a `data-` attribute, encoded only when a page is laid out.
    struct DrawingJSON: MadeForPage {
        let drawing: Drawing

        var renderText: String {
            // Lists of strings and numbers, which JSON always encodes.
            (try? BundleEncoder().encode(drawing)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        var isNull: Bool { false }
        var madeFrom: PageValues {
            var values = PageValues(["nodes": .list(drawing.nodes.map { PageValues(["node": .texts($0)]) }), "links": .numbers(drawing.links)])
            values["depths"] = drawing.depths.map { .numbers($0) }
            return values
        }
    }

    /// The most notes a note's own graph shows.
    static let localLimit = 60
    /// How many links away a note's own graph reaches: one, as Obsidian's local graph and Quartz's do
    /// by default. At two, its data was 40 % of a note page of a generated commons.
    static let localDepth = 1

    private let notes: [RenderedNote]
    /// Each note's neighbours, by position, in ascending order.
    private let neighbours: [[Int]]

    init(_ notes: [RenderedNote], graph: LinkGraph) {
        self.notes = notes
        neighbours = graph.neighbours
    }

    /// Every note and every edge.
    func whole() -> Drawing {
        var links: [Int] = []
        for (position, near) in neighbours.enumerated() {
            for other in near where other > position { links += [position, other] }
        }
        return Drawing(nodes: notes.map(Self.node), links: links, depths: nil)
    }

    /// The note at `position` and the notes up to `localDepth` links away, nearest first, at most `localLimit`.
    func local(around position: Int) -> Drawing {
        var depth: [Int: Int] = [position: 0]
        var order = [position]
        var frontier = [position]
        for level in 1...Self.localDepth where order.count < Self.localLimit {
            var next: [Int] = []
            for node in frontier {
                for other in neighbours[node] where depth[other] == nil && order.count < Self.localLimit {
                    depth[other] = level
                    order.append(other)
                    next.append(other)
                }
            }
            frontier = next
        }
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var links: [Int] = []
        for (from, node) in order.enumerated() {
            for other in neighbours[node] {
                if let to = index[other], to > from { links += [from, to] }
            }
        }
        return Drawing(nodes: order.map { Self.node(notes[$0]) }, links: links, depths: order.map { depth[$0]! })
    }

    private static func node(_ note: RenderedNote) -> [String] {
        [note.title, SitePath.encode(note.pagePath)]
    }
}
