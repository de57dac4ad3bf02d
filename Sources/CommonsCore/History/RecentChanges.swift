import CommonsGit

/// The latest commits that changed published notes, each with the notes it changed, like a wiki's
/// recent changes. Built from the notes' histories, so it can only name published notes.
public struct RecentChange: Sendable {
    public let commit: ObjectID
    public let author: Signature
    public let subject: String
    /// The notes the commit added, changed or renamed, in path order.
    public let notes: [NoteID]

    /// How many commits the recent changes page and the feed show.
    static let limit = 50

    /// The commit the site and the bundle name as theirs: the latest that changed a published note,
    /// at or before the one built. A later commit that touched only private notes is no one's
    /// business, and naming it would tell when they changed. The built commit itself when no
    /// published note has a history; nil for the working tree.
    /// The built commit when it changed a published note: commits of the same second sort by hash, and
    /// the latest by date may then be an older one.
    static func shownCommit(built: CommitInfo?, latest: RecentChange?, history: History) -> (id: ObjectID, author: Signature)? {
        guard let built else { return nil }
        if history.notes.values.contains(where: { $0.revisions.first?.commit == built.id }) { return (built.id, built.author) }
        return latest.map { ($0.commit, $0.author) } ?? (built.id, built.author)
    }

    static func latest(_ history: History, limit: Int = limit) -> [RecentChange] {
        var byCommit: [ObjectID: (revision: Revision, notes: [NoteID])] = [:]
        for (id, noteHistory) in history.notes {
            for revision in noteHistory.revisions {
                byCommit[revision.commit, default: (revision, [])].notes.append(id)
            }
        }
        let newestFirst = byCommit.values.sorted {
            $0.revision.author.time != $1.revision.author.time
                ? $0.revision.author.time > $1.revision.author.time
                : $0.revision.commit < $1.revision.commit
        }
        return newestFirst.prefix(limit).map {
            RecentChange(commit: $0.revision.commit, author: $0.revision.author, subject: $0.revision.subject, notes: $0.notes.sorted())
        }
    }
}
