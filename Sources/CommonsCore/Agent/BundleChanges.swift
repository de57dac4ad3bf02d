/// What changed since a commit, as far as a bundle alone can tell: its list of latest commits names
/// the notes each one added or changed, but not the notes renamed or removed, which no longer have a
/// place in it.
extension NoteChanges {
    public static func since(_ revision: String, in document: BundleDocument) throws -> NoteChanges {
        let wanted = revision.lowercased()
        guard wanted.count >= 4, wanted.allSatisfy(\.isHexDigit) else {
            throw BuildError("'\(revision)' is not a commit hash: a bundle knows commits by hash only")
        }
        if let built = document.provenance.commit, built.hasPrefix(wanted) {
            return NoteChanges(since: built, to: built)
        }
        guard let seen = document.commits.firstIndex(where: { $0.commit.hasPrefix(wanted) }) else {
            throw BuildError("commit \(revision) is not among the \(document.commits.count) latest commits that changed published notes, which is all a bundle lists: compare list_notes with your copy instead")
        }
        let newer = document.commits[..<seen]
        let newCommits = Set(newer.map(\.commit))
        let touched = Set(newer.flatMap(\.notes))
        var changes = NoteChanges(since: document.commits[seen].commit, to: document.provenance.commit,
                                  incomplete: "a bundle records neither renamed nor removed notes, and orders its commits by date, so a branch merged late with older commits may be missed: drop from your copy the ids that list_notes no longer gives, and compare the updated dates of the rest")
        for note in document.notes where touched.contains(note.id) {
            if let created = note.created, newCommits.contains(created.commit) {
                changes.added.append(note.id)
            } else {
                changes.changed.append(note.id)
            }
        }
        return changes
    }
}
