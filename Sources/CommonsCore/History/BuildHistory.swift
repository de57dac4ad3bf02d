import CommonsGit

/// Stage: gives every published note its revisions from the single history walk, following renames
/// back through every earlier path, as `git log --follow` does. Like git, it goes on past an addition:
/// a note deleted and added again at the same path keeps its earlier history. Unlike git, it lists no
/// deletions, which are not revisions of a note that exists.
enum BuildHistory {
    static func run(_ walk: [CommitChanges], published: PublishedNotes, contentFolder: String) -> History {
        let prefix = contentFolder.isEmpty ? "" : contentFolder + "/"
        // Repository path → the published note that path belongs to, in the commit being looked at.
        var tracked = Dictionary(uniqueKeysWithValues: published.notes.map { (ExactString(prefix + $0.id.path), $0.id) })
        var revisions: [NoteID: [Revision]] = [:]
        for entry in walk {
            var leaving: [ExactString] = []
            var arriving: [(ExactString, NoteID)] = []
            for change in entry.changes {
                guard let blob = change.blob, let id = tracked[ExactString(change.path)] else { continue }
                revisions[id, default: []].append(Revision(
                    commit: entry.commit.id,
                    author: entry.commit.author,
                    subject: entry.commit.subject,
                    kind: change.kind,
                    path: String(change.path.dropFirst(prefix.count)),
                    previousPath: change.previousPath.map { String($0.dropFirst(prefix.count)) },
                    addedLines: change.addedLines,
                    removedLines: change.removedLines,
                    blob: blob,
                    previousBlob: change.previousBlob
                ))
                // Before a rename the note lived at its previous path.
                if let previous = change.previousPath {
                    leaving.append(ExactString(change.path))
                    arriving.append((ExactString(previous), id))
                }
            }
            leaving.forEach { tracked.removeValue(forKey: $0) }
            arriving.forEach { tracked[$0.0] = $0.1 }
        }

        // In a shallow clone the boundary commits stand for all that came before them.
        let boundaries = Set(walk.filter(\.parentsMissing).map(\.commit.id))
        let notes = revisions.mapValues { list in
            NoteHistory(revisions: list, isTruncated: list.last.map { boundaries.contains($0.commit) } ?? false)
        }
        return History(notes: notes)
    }
}
