import CommonsGit

/// What `commons bundle` keeps of the commons: the notes some filter matches, then, if a token budget
/// is set, the most connected of them that fit.
public struct BundleSelection: Sendable {
    /// Git pathspecs matched against a note's path from the repository root (`projects/`, `*.md`,
    /// `journal/2026-*`), or tags written with `#`, which also match the tags nested below them. A
    /// note is kept if any filter matches it; no filter keeps every note.
    public var filters: [String] = []
    /// The most tokens the written bundle may take, counted as the bundle counts them.
    public var maxTokens: Int?

    public init() {}

    var isWhole: Bool { filters.isEmpty && maxTokens == nil }
}

/// A note `--max-tokens` left out, with what made it go first.
public struct TrimmedNote: Sendable {
    public let id: String
    public let tokens: Int
    /// Distinct notes it links to or is linked from, within the selection.
    public let connections: Int
}

/// Stage: narrows a bundle to a selection. The result is self-contained: links, backlinks, unresolved
/// targets and commits name only notes that are in it.
enum SelectBundle {
    static func run(_ document: BundleDocument, selection: BundleSelection) throws -> (BundleDocument, trimmed: [TrimmedNote]) {
        guard !selection.isWhole else { return (document, []) }
        var selected = try filtered(document, by: selection.filters)
        var trimmed: [TrimmedNote] = []
        if let maxTokens = selection.maxTokens {
            trimmed = try notesToTrim(selected, maxTokens: maxTokens, filters: selection.filters)
            selected = keeping(selected, ids: Set(selected.notes.map(\.id)).subtracting(trimmed.map(\.id)))
        }
        selected.provenance.selection = .init(notes: selection.filters, maxTokens: selection.maxTokens, trimmed: trimmed.map(\.id))
        return (selected, trimmed)
    }

    private static func filtered(_ document: BundleDocument, by filters: [String]) throws -> BundleDocument {
        guard !filters.isEmpty else { return document }
        let tags = filters.filter { $0.hasPrefix("#") }.map { TagIndex.normalise($0).lowercased().trimmingCharacters(in: ["/"]) }
        let pathspec: Pathspec
        do {
            pathspec = try Pathspec(filters.filter { !$0.hasPrefix("#") })
        } catch {
            throw BuildError("--notes: \(error.message)")
        }
        let matching = document.notes.filter { note in
            pathspec.matches(note.path) || note.tags.contains { tag in
                let tag = tag.lowercased()
                return tags.contains { tag == $0 || tag.hasPrefix($0 + "/") }
            }
        }
        guard !matching.isEmpty else {
            throw BuildError("no published note matches --notes \(filters.map { "'\($0)'" }.joined(separator: " or "))")
        }
        return keeping(document, ids: Set(matching.map(\.id)))
    }

    /// Drops the least connected notes (fewest distinct notes linked to or from, then by id) until the
    /// bundle fits. The sizes are measured on the encoded notes; leaving a note out only shortens the
    /// others, so the measure is an upper bound and the written bundle never exceeds the budget.
    private static func notesToTrim(_ document: BundleDocument, maxTokens: Int, filters: [String]) throws -> [TrimmedNote] {
        let encoder = BundleEncoder()
        let budget = maxTokens > Int.max / 4 ? Int.max : maxTokens * 4
        var withoutNotes = document
        withoutNotes.notes = []
        withoutNotes.provenance.selection = .init(notes: filters, maxTokens: maxTokens, trimmed: [])
        var bytes = try encodedSize(withoutNotes)
        let lineSeparator = 2
        let candidates = try document.notes.map { note in
            let size = try encoder.encode(note).count + lineSeparator
            bytes += size
            let connections = Set(note.links.map(\.target) + note.backlinks.map(\.source)).subtracting([note.id]).count
            return (note: note, size: size, connections: connections)
        }.sorted { lhs, rhs in
            lhs.connections != rhs.connections ? lhs.connections < rhs.connections : ContextBundle.byteOrder(lhs.note.id, rhs.note.id)
        }
        var trimmed: [TrimmedNote] = []
        for candidate in candidates where bytes > budget {
            // The id joins the provenance's list of trimmed notes, quoted and comma-separated.
            bytes -= candidate.size - (candidate.note.id.utf8.count + 3)
            trimmed.append(TrimmedNote(id: candidate.note.id, tokens: ContextBundle.tokenEstimate(bytes: candidate.size),
                                       connections: candidate.connections))
        }
        guard candidates.isEmpty || trimmed.count < candidates.count, bytes <= budget else {
            let smallest = candidates.map(\.size).min() ?? 0
            throw BuildError("--max-tokens \(maxTokens) leaves room for no note: without notes the bundle takes about "
                             + "\(ContextBundle.tokenEstimate(bytes: bytes)) tokens (its provenance, unresolved links and latest commits), "
                             + "and its smallest note about \(ContextBundle.tokenEstimate(bytes: smallest)) more")
        }
        return trimmed
    }

    private static func encodedSize(_ document: BundleDocument) throws -> Int {
        var size = 0
        try ContextBundle.write(document) { size += $0.count }
        return size
    }

    /// The document with only the notes in `ids`, and only the links, backlinks, unresolved sources
    /// and commits that name them.
    private static func keeping(_ document: BundleDocument, ids: Set<String>) -> BundleDocument {
        var kept = document
        kept.notes = document.notes.filter { ids.contains($0.id) }.map { note in
            var note = note
            note.links.removeAll { !ids.contains($0.target) }
            note.backlinks.removeAll { !ids.contains($0.source) }
            return note
        }
        kept.unresolved = document.unresolved.compactMap { entry in
            var entry = entry
            entry.sources.removeAll { !ids.contains($0) }
            return entry.sources.isEmpty ? nil : entry
        }
        kept.commits = document.commits.compactMap { commit in
            var commit = commit
            commit.notes.removeAll { !ids.contains($0) }
            return commit.notes.isEmpty ? nil : commit
        }
        return kept
    }
}
