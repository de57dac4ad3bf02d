import CommonsMarkdown

/// A link from one published note to another: a wikilink, an embed, or a Markdown link to a `.md` file.
public struct NoteLink: Hashable, Sendable {
    public let source: NoteID
    public let target: NoteID
    /// The heading (or `^block`) the link points into.
    public let fragment: String?
    public let text: String
    public let isEmbed: Bool
    /// The text of the paragraph or list item around the link.
    public let context: String
    let line: Int
    let column: Int

    /// The heading or block a Markdown link's destination points into: what follows `#`, decoded.
    static func fragment(ofDestination destination: String) -> String? {
        destination.firstIndex(of: "#").map { String(destination[destination.index(after: $0)...]) }?.removingPercentEncoding?.nonEmpty
    }
}

/// The links of the whole commons, computed once per build and shared by every page that shows them.
public struct LinkGraph: Sendable {
    /// Each note's links, in the order they appear.
    public let outgoing: [NoteID: [NoteLink]]
    /// Each note's incoming links from other notes, ordered by source path then position.
    public let backlinks: [NoteID: [NoteLink]]
    /// Targets that name no note, with the notes that want them.
    public let wanted: [String: [NoteID]]
    /// Each note's neighbours, by its position in the published notes: the notes it links to or that
    /// link to it, each once, in ascending order. The graph view draws these.
    let neighbours: [[Int]]

    /// A note's backlinks as readers see them: a source that links twice from the same passage
    /// mentions the note once. Backlinks are in source and position order, so the links of one
    /// passage are neighbours, and their contexts are one string: comparing each with the one before
    /// costs nothing, where hashing every context cost a passage's length per link (minutes for a
    /// paragraph of 200,000 links).
    public func mentions(of id: NoteID) -> [NoteLink] {
        (backlinks[id] ?? []).droppingRepeats { $0.source == $1.source && $0.context == $1.context }
    }
}

extension Array {
    /// Whether sorting by `areInIncreasingOrder` would leave the elements as they are.
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        indices.dropFirst().allSatisfy { !areInIncreasingOrder(self[$0], self[$0 - 1]) }
    }

    /// The elements but each that repeats the one before it, as `same` tells: a passage linking twice
    /// is one mention, however the backlinks are held (the graph's, the bundle's, an earlier commit's).
    func droppingRepeats(_ same: (Element, Element) -> Bool) -> [Element] {
        var previous: Element?
        return filter { element in
            defer { previous = element }
            return previous.map { !same($0, element) } ?? true
        }
    }
}

/// Stage 5: gathers the links the render stage resolved into the graph, and checks their anchors.
enum BuildLinkGraph {
    /// `kept` is `serve`'s graph of the last build, changed only where notes' links or anchors did.
    static func run(_ rendered: RenderNotes.Output, kept: KeptLinkGraph? = nil) -> (LinkGraph, [Diagnostic]) {
        let ids = rendered.notes.map(\.note.id)
        let made: KeptLinkGraph.Made
        if let last = kept?.last, last.ids == ids {
            made = update(last, rendered)
        } else {
            let positionOf = Dictionary(ids.enumerated().map { ($1, $0) }) { first, _ in first }
            made = KeptLinkGraph.Made(
                ids: ids, positionOf: positionOf, rendered: rendered,
                graph: LinkGraph(outgoing: outgoing(rendered, ids: ids), backlinks: backlinks(rendered.links), wanted: wanted(rendered, ids: ids),
                                 neighbours: neighbours(rendered.links, positionOf: positionOf)),
                missing: ids.indices.map { missingAnchors(from: $0, rendered, positionOf: positionOf) })
        }
        kept?.last = made
        return (made.graph, made.missing.flatMap { $0 })
    }

    /// The last graph, with the links of the notes whose links changed taken out and theirs now put
    /// in, and the anchors checked again of the links that changed or go to a note whose changed.
    /// What it gives is what a graph made from nothing gives.
    private static func update(_ last: KeptLinkGraph.Made, _ rendered: RenderNotes.Output) -> KeptLinkGraph.Made {
        let old = last.rendered
        // A note taken from the cache has the same arrays, so each comparison is of two buffers.
        let changed = rendered.links.indices.filter { rendered.links[$0] != old.links[$0] }
        let reanchored = rendered.notes.indices.filter {
            rendered.notes[$0].headings != old.notes[$0].headings || rendered.notes[$0].blockIDs != old.notes[$0].blockIDs
        }
        var outgoing = last.graph.outgoing, backlinks = last.graph.backlinks
        let changedSources = Set(changed.map { last.ids[$0] })
        // The targets the changed notes linked to or link to now. Their new links to a target, in note
        // order, join the others' and are put in order as a graph made from nothing puts them.
        var targets: Set<NoteID> = [], added: [NoteID: [NoteLink]] = [:]
        for position in changed {
            let links = rendered.links[position]
            outgoing[last.ids[position]] = links.isEmpty ? nil : links
            for link in old.links[position] where link.source != link.target { targets.insert(link.target) }
            for link in links where link.source != link.target {
                targets.insert(link.target)
                added[link.target, default: []].append(link)
            }
        }
        for target in targets {
            let links = (backlinks[target] ?? []).filter { !changedSources.contains($0.source) } + (added[target] ?? [])
            backlinks[target] = links.isEmpty ? nil : inPlaceOrder(links)
        }
        let wanted = rendered.unresolved.indices.allSatisfy({ rendered.unresolved[$0] == old.unresolved[$0] })
            ? last.graph.wanted : Self.wanted(rendered, ids: last.ids)
        // Most edits of a passage with links leave what they link to as it was.
        let sameTargets = changed.allSatisfy { Set(rendered.links[$0].map(\.target)) == Set(old.links[$0].map(\.target)) }
        let graph = LinkGraph(outgoing: outgoing, backlinks: backlinks, wanted: wanted,
                              neighbours: sameTargets ? last.graph.neighbours : neighbours(rendered.links, positionOf: last.positionOf))
        var missing = last.missing
        var recheck = Set(changed)
        for position in reanchored {
            for link in backlinks[last.ids[position]] ?? [] where link.fragment != nil {
                if let source = last.positionOf[link.source] { recheck.insert(source) }
            }
        }
        for position in recheck { missing[position] = missingAnchors(from: position, rendered, positionOf: last.positionOf) }
        return KeptLinkGraph.Made(ids: last.ids, positionOf: last.positionOf, rendered: rendered, graph: graph, missing: missing)
    }

    private static func neighbours(_ links: [[NoteLink]], positionOf: [NoteID: Int]) -> [[Int]] {
        var neighbours = Array(repeating: [Int](), count: links.count)
        for (position, links) in links.enumerated() {
            for link in links {
                guard let target = positionOf[link.target], target != position else { continue }
                neighbours[position].append(target)
                neighbours[target].append(position)
            }
        }
        // Sorted, each neighbour once, however many links there are between the two.
        return neighbours.map { $0.sorted().droppingRepeats(==) }
    }

    private static func outgoing(_ rendered: RenderNotes.Output, ids: [NoteID]) -> [NoteID: [NoteLink]] {
        var outgoing: [NoteID: [NoteLink]] = [:]
        for (position, links) in rendered.links.enumerated() where !links.isEmpty { outgoing[ids[position]] = links }
        return outgoing
    }

    private static func backlinks(_ links: [[NoteLink]]) -> [NoteID: [NoteLink]] {
        var backlinks: [NoteID: [NoteLink]] = [:]
        for link in links.joined() where link.source != link.target { backlinks[link.target, default: []].append(link) }
        for (target, links) in backlinks where !links.isSorted(by: precedesInPlace) {
            backlinks[target] = links.sorted(by: precedesInPlace)
        }
        return backlinks
    }

    /// Links by source, then line and column; the links of one place keep their order.
    private static func inPlaceOrder(_ links: [NoteLink]) -> [NoteLink] {
        links.isSorted(by: precedesInPlace) ? links : links.sorted(by: precedesInPlace)
    }

    private static func precedesInPlace(_ lhs: NoteLink, _ rhs: NoteLink) -> Bool {
        (lhs.source, lhs.line, lhs.column) < (rhs.source, rhs.line, rhs.column)
    }

    private static func wanted(_ rendered: RenderNotes.Output, ids: [NoteID]) -> [String: [NoteID]] {
        var wanted: [String: [NoteID]] = [:]
        for (position, targets) in rendered.unresolved.enumerated() {
            for target in targets where wanted[target]?.last != ids[position] { wanted[target, default: []].append(ids[position]) }
        }
        return wanted
    }

    /// The links of the note at `position` into headings or blocks that their target does not have:
    /// the link still goes to the note. A note has a few headings and blocks, looked through, not hashed.
    private static func missingAnchors(from position: Int, _ rendered: RenderNotes.Output, positionOf: [NoteID: Int]) -> [Diagnostic] {
        rendered.links[position].compactMap { link in
            guard let fragment = link.fragment, let target = positionOf[link.target].map({ rendered.notes[$0] }) else { return nil }
            let isBlock = fragment.hasPrefix("^")
            let anchor = isBlock ? fragment : HeadingAnchors.slug(fragment)
            guard !target.headings.contains(where: { $0.anchor == anchor }), !target.blockIDs.contains(anchor) else { return nil }
            return Diagnostic(path: positionOf[link.source].map { rendered.notes[$0].note.sourcePath } ?? link.source.path, line: link.line,
                              column: link.column, message: "'\(target.note.sourcePath)' has no \(isBlock ? "block" : "heading") '\(fragment)'",
                              rule: .missingAnchor)
        }
    }
}

/// `serve`'s link graph of the last build, with what it was made from, so that the next build changes
/// only what the notes whose links changed make of it.
final class KeptLinkGraph {
    struct Made {
        let ids: [NoteID]
        let positionOf: [NoteID: Int]
        let rendered: RenderNotes.Output
        let graph: LinkGraph
        /// The anchors each note's links miss, by its position.
        let missing: [[Diagnostic]]
    }

    fileprivate var last: Made?
}
