/// What one commit did to one file, as `git log --raw -M` would say it.
public struct FileChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case added, modified, deleted, renamed
    }

    public let kind: Kind
    /// The path after the commit (before it, for a deletion), from the repository root.
    public let path: String
    /// The path before the commit, for a rename.
    public let previousPath: String?
    public let addedLines: Int
    public let removedLines: Int
    /// The file's content after the commit; nil for a deletion.
    public let blob: ObjectID?
    /// Its content before the commit; nil for an addition.
    public let previousBlob: ObjectID?
    /// True when the repository lacks the file's content on either side, as a partial or damaged clone
    /// does: its lines could not be counted (they are given as 0).
    public let contentMissing: Bool

    public init(kind: Kind, path: String, previousPath: String?, addedLines: Int, removedLines: Int, blob: ObjectID?, previousBlob: ObjectID?,
                contentMissing: Bool = false) {
        self.kind = kind
        self.path = path
        self.previousPath = previousPath
        self.addedLines = addedLines
        self.removedLines = removedLines
        self.blob = blob
        self.previousBlob = previousBlob
        self.contentMissing = contentMissing
    }
}

/// A non-merge commit and the files it changed.
public struct CommitChanges: Sendable {
    public let commit: CommitInfo
    public let changes: [FileChange]
    /// True at a shallow clone's boundary: the commit's parents are not in the repository, so its
    /// changes are shown against nothing.
    public let parentsMissing: Bool
}
