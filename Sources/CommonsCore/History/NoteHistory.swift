import CommonsGit

/// One revision of a note: a commit that added, changed or renamed its file.
public struct Revision: Hashable, Sendable {
    public let commit: ObjectID
    public let author: Signature
    public let subject: String
    public let kind: FileChange.Kind
    /// The note's path below the content folder at this revision.
    public let path: String
    /// Its path before this revision, when the revision renamed it.
    public let previousPath: String?
    public let addedLines: Int
    public let removedLines: Int
    /// The note's file at this revision.
    public let blob: ObjectID
    /// The file before it, at `previousPath ?? path`; nil when the revision added it.
    public let previousBlob: ObjectID?
    /// Whether the note was published under its previous path, and is in this revision: only then may
    /// a page or the bundle name the path it was renamed from (see `PublicRenames`).
    var previousPathIsPublic = false

    /// The path a rename came from, as a page or the bundle may name it.
    var shownPreviousPath: String? {
        previousPathIsPublic ? previousPath : nil
    }
}

/// A note's revisions, newest first, and what they add up to.
public struct NoteHistory: Sendable {
    public internal(set) var revisions: [Revision]
    /// True when a shallow clone hides the commits before the oldest revision, so it may not be the one
    /// that created the note.
    public let isTruncated: Bool

    /// The commit that added the note, unless the history is truncated.
    public var created: Revision? { isTruncated ? nil : revisions.last }
    public var updated: Revision? { revisions.first }

    /// Each author with the number of their revisions, most first, then by name.
    public var authors: [(name: String, revisions: Int)] {
        var counts: [String: Int] = [:]
        for revision in revisions { counts[revision.author.name, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.precedesInBytes($1.0) }
    }
}

/// Every published note's history, computed once per build.
public struct History: Sendable {
    public let notes: [NoteID: NoteHistory]

    static let empty = History(notes: [:])
}
