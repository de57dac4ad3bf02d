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
    static func run(_ rendered: RenderNotes.Output) -> (LinkGraph, [Diagnostic]) {
        var outgoing: [NoteID: [NoteLink]] = [:]
        var backlinks: [NoteID: [NoteLink]] = [:]
        for link in rendered.links {
            outgoing[link.source, default: []].append(link)
            if link.source != link.target { backlinks[link.target, default: []].append(link) }
        }
        for (target, links) in backlinks {
            backlinks[target] = links.sorted { ($0.source, $0.line, $0.column) < ($1.source, $1.line, $1.column) }
        }
        var wanted: [String: [NoteID]] = [:]
        for (target, source) in rendered.unresolved where wanted[target]?.last != source {
            wanted[target, default: []].append(source)
        }
        return (LinkGraph(outgoing: outgoing, backlinks: backlinks, wanted: wanted), missingAnchors(rendered))
    }

    /// Links into headings or blocks that the target does not have: the link still goes to the note.
    private static func missingAnchors(_ rendered: RenderNotes.Output) -> [Diagnostic] {
        let anchors = Dictionary(uniqueKeysWithValues: rendered.notes.map { ($0.note.id, Set($0.headings.map(\.anchor) + $0.blockIDs)) })
        let paths = Dictionary(uniqueKeysWithValues: rendered.notes.map { ($0.note.id, $0.note.sourcePath) })
        return rendered.links.compactMap { link in
            guard let fragment = link.fragment else { return nil }
            let isBlock = fragment.hasPrefix("^")
            guard anchors[link.target]?.contains(isBlock ? fragment : HeadingAnchors.slug(fragment)) == false else { return nil }
            return Diagnostic(path: paths[link.source] ?? link.source.path, line: link.line, column: link.column,
                              message: "'\(paths[link.target] ?? link.target.path)' has no \(isBlock ? "block" : "heading") '\(fragment)'",
                              rule: .missingAnchor)
        }
    }
}
