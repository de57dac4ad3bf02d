import CommonsGit

/// What `commons bundle` keeps of the commons: the notes some filter matches, then, if a token budget
/// is set, as many of them as fit, in the order `preference` says, a note that does not fit whole
/// kept for its first sections.
public struct BundleSelection: Sendable {
    /// Git pathspecs matched against a note's path from the repository root (`projects/`, `*.md`,
    /// `journal/2026-*`), or tags written with `#`, which also match the tags nested below them. A
    /// note is kept if any filter matches it; no filter keeps every note.
    public var filters: [String] = []
    /// The most tokens the written bundle may take, counted as the bundle counts them.
    public var maxTokens: Int?
    /// Which notes a budget keeps first.
    public var preference: Preference = .linked

    public enum Preference: Sendable, Equatable {
        /// The notes linked to and from the most other notes.
        case linked
        /// The notes updated last.
        case recent
        /// The notes these filters (pathspecs or #tags, as for `filters`) match, then the most linked.
        case matching([String])
    }

    public init() {}

    var isWhole: Bool { filters.isEmpty && maxTokens == nil }
}

/// A note `--max-tokens` left out or shortened.
public struct TrimmedNote: Sendable {
    public let id: String
    /// Its tokens in the bundle, whole.
    public let tokens: Int
    /// Distinct notes it links to or is linked from, within the selection.
    public let connections: Int
    /// The sections kept of it; nil when it was left out.
    public let sectionsKept: Int?
}

/// Stage: narrows a bundle to a selection. The result is self-contained: links, backlinks, unresolved
/// targets and commits name only notes that are in it.
enum SelectBundle {
    static func run(_ document: BundleDocument, selection: BundleSelection) throws -> (BundleDocument, trimmed: [TrimmedNote]) {
        guard !selection.isWhole else { return (document, []) }
        var selected = try filtered(document, by: selection.filters)
        selected.provenance.selection = .init(notes: selection.filters, maxTokens: selection.maxTokens, trimmed: [], shortened: [])
        guard let maxTokens = selection.maxTokens else { return (selected, []) }
        return try BudgetFill(selected, maxTokens: maxTokens, preference: selection.preference).run()
    }

    /// The notes a tag or pathspec filter matches.
    static func matcher(_ filters: [String]) throws -> (BundleDocument.Note) -> Bool {
        let tags = filters.filter { $0.hasPrefix("#") }.map { TagIndex.normalise($0).lowercased().trimmingCharacters(in: ["/"]) }
        let pathspec: Pathspec
        do {
            pathspec = try Pathspec(filters.filter { !$0.hasPrefix("#") })
        } catch {
            throw BuildError("--notes: \(error.message)")
        }
        return { note in
            pathspec.matches(note.path) || note.tags.contains { tag in
                let tag = tag.lowercased()
                return tags.contains { tag == $0 || tag.hasPrefix($0 + "/") }
            }
        }
    }

    private static func filtered(_ document: BundleDocument, by filters: [String]) throws -> BundleDocument {
        guard !filters.isEmpty else { return document }
        let matches = try matcher(filters)
        let matching = document.notes.filter(matches)
        guard !matching.isEmpty else {
            throw BuildError("no published note matches --notes \(filters.map { "'\($0)'" }.joined(separator: " or "))")
        }
        return keeping(document, ids: Set(matching.map(\.id)))
    }

    /// The document with only the notes in `ids`, and only the links, backlinks, unresolved sources
    /// and commits that name them.
    static func keeping(_ document: BundleDocument, ids: Set<String>) -> BundleDocument {
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
