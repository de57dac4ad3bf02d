import CommonsCore

/// The commits that changed published notes, newest first (by author date, then hash, as the site's
/// recent changes list them), each with the notes it changed: the notes' histories read the other way.
/// A bundle holds every published note's whole history, so the log is as complete from a bundle as
/// from the repository.
struct CommitLog: Sendable {
    struct Entry: Codable, Sendable {
        let commit: String
        let date: String
        let author: String
        let subject: String
        var notes: [Change]
    }

    struct Change: Codable, Sendable {
        let id: String
        /// `added`, `modified` or `renamed`, as in the note's history.
        let kind: String
        let previousPath: String?
    }

    let entries: [Entry]

    init(_ notes: [BundleDocument.Note]) {
        var byCommit: [String: Entry] = [:]
        for note in notes {
            for revision in note.history {
                byCommit[revision.commit, default: Entry(commit: revision.commit, date: revision.date, author: revision.author,
                                                        subject: revision.subject, notes: [])]
                    .notes.append(Change(id: note.id, kind: revision.kind, previousPath: revision.previousPath))
            }
        }
        entries = Timestamp.newestFirst(Array(byCommit.values), date: \.date, hash: \.commit)
    }
}
