import CommonsGit

/// Stage: decides which renames may name the path a note had before. A note made public after a
/// rename was once under another name, perhaps while private (`private: true`, or in an excluded
/// folder): that name is private too. A rename shows its previous path only when both versions, the
/// one under the old name and the renamed one, were published as notes of their own.
enum PublicRenames {
    static func run(_ history: History, filter: PublishFilter, repository: Repository) throws -> History {
        var notes = history.notes
        for (id, note) in history.notes where note.revisions.contains(where: { $0.previousPath != nil }) {
            var checked = note
            for index in checked.revisions.indices {
                let revision = checked.revisions[index]
                guard let previousPath = revision.previousPath, let previousBlob = revision.previousBlob else { continue }
                checked.revisions[index].previousPathIsPublic = try isPublished(previousBlob, at: previousPath, filter: filter, in: repository)
                    && isPublished(revision.blob, at: revision.path, filter: filter, in: repository)
            }
            notes[id] = checked
        }
        return History(notes: notes)
    }

    /// A version the repository lacks counts as private: nothing is known of it.
    private static func isPublished(_ blob: ObjectID, at path: String, filter: PublishFilter, in repository: Repository) throws -> Bool {
        guard !filter.isExcluded(path) else { return false }
        do {
            return filter.publishedVersion(bytes: try repository.blob(blob), at: path) != nil
        } catch {
            if error.isNotFound { return false }
            throw error
        }
    }
}
