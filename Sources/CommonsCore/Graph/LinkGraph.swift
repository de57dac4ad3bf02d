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
    /// What the graph is made from: every link between published notes, and every wikilink that names
    /// nothing, with the note that wants it.
    struct Inputs: Equatable {
        let links: [NoteLink]
        let unresolved: [(target: String, source: NoteID)]

        static func == (lhs: Inputs, rhs: Inputs) -> Bool {
            lhs.links == rhs.links && lhs.unresolved.elementsEqual(rhs.unresolved) { $0 == $1 }
        }
    }

    /// `kept` is `serve`'s graph of the last build, taken again when the links are the same.
    static func run(_ rendered: RenderNotes.Output, kept: KeptValue<Inputs, LinkGraph>? = nil) -> (LinkGraph, [Diagnostic]) {
        let inputs = Inputs(links: rendered.links, unresolved: rendered.unresolved)
        let made = kept?.value(for: inputs) { graph(of: inputs) } ?? graph(of: inputs)
        return (made, missingAnchors(rendered))
    }

    private static func graph(of inputs: Inputs) -> LinkGraph {
        var outgoing: [NoteID: [NoteLink]] = [:]
        var backlinks: [NoteID: [NoteLink]] = [:]
        for link in inputs.links {
            outgoing[link.source, default: []].append(link)
            if link.source != link.target { backlinks[link.target, default: []].append(link) }
        }
        // The links come note by note in path order, mostly in place order within a note already.
        let inOrder = { (lhs: NoteLink, rhs: NoteLink) in (lhs.source, lhs.line, lhs.column) < (rhs.source, rhs.line, rhs.column) }
        for (target, links) in backlinks where !links.isSorted(by: inOrder) {
            backlinks[target] = links.sorted(by: inOrder)
        }
        var wanted: [String: [NoteID]] = [:]
        for (target, source) in inputs.unresolved where wanted[target]?.last != source {
            wanted[target, default: []].append(source)
        }
        return LinkGraph(outgoing: outgoing, backlinks: backlinks, wanted: wanted)
    }

    /// Links into headings or blocks that the target does not have: the link still goes to the note.
    /// Only the notes such links go to have their anchors gathered: most links name no part.
    private static func missingAnchors(_ rendered: RenderNotes.Output) -> [Diagnostic] {
        let intoParts = rendered.links.filter { $0.fragment != nil }
        guard !intoParts.isEmpty else { return [] }
        let wanted = Set(intoParts.flatMap { [$0.source, $0.target] })
        var notes: [NoteID: RenderedNote] = [:]
        for note in rendered.notes where wanted.contains(note.note.id) { notes[note.note.id] = note }
        return intoParts.compactMap { link in
            guard let fragment = link.fragment, let target = notes[link.target] else { return nil }
            let isBlock = fragment.hasPrefix("^")
            // A note has a few headings and blocks: looked through, not hashed.
            let anchor = isBlock ? fragment : HeadingAnchors.slug(fragment)
            guard !target.headings.contains(where: { $0.anchor == anchor }), !target.blockIDs.contains(anchor) else { return nil }
            return Diagnostic(path: notes[link.source]?.note.sourcePath ?? link.source.path, line: link.line, column: link.column,
                              message: "'\(target.note.sourcePath)' has no \(isBlock ? "block" : "heading") '\(fragment)'",
                              rule: .missingAnchor)
        }
    }
}
