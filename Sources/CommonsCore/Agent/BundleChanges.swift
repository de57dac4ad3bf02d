/// What changed since a commit, as far as a bundle alone can tell: its commit table lists every commit
/// that changed a published note, and its notes' histories name the ones each changed, but the notes
/// renamed away or removed no longer have a place in it, nor do the links the changed notes dropped.
extension NoteChanges {
    public static func since(_ revision: String, in document: BundleDocument) throws -> NoteChanges {
        let wanted = revision.lowercased()
        guard wanted.count >= 4, wanted.allSatisfy(\.isHexDigit) else {
            throw BuildError("'\(revision)' is not a commit hash: a bundle knows commits by hash only")
        }
        if let built = document.provenance.commit, built.hasPrefix(wanted) {
            return NoteChanges(since: built, to: built)
        }
        let table = document.notes.flatMap(\.history).reduce(into: [String: String]()) { $0[$1.commit] = $1.date }
        guard let seen = table.keys.first(where: { $0.hasPrefix(wanted) }) else {
            throw BuildError("commit \(revision) changed no published note, and a bundle lists only the \(table.count) commits that did: "
                             + "give the provenance.commit of the bundle you hold, or compare list_notes with your copy")
        }
        let newer = newerCommits(than: seen, in: table)
        var changes = NoteChanges(since: seen, to: document.provenance.commit,
                                  incomplete: "a bundle records neither renamed nor removed notes, nor the links a changed note dropped, and orders its commits by date, so a branch merged late with older commits may be missed: drop from your copy the ids that list_notes no longer gives, and compare the updated dates of the rest")
        for note in document.notes where note.history.contains(where: { newer.contains($0.commit) }) {
            if let created = note.created, newer.contains(created.commit) {
                changes.added.append(note.id)
            } else {
                changes.changed.append(note.id)
            }
        }
        let listed = Set(changes.added + changes.changed)
        let linked = Set(document.notes.filter { listed.contains($0.id) }.flatMap { $0.links.map(\.target) })
        changes.relinked = document.notes.map(\.id).filter { linked.contains($0) && !listed.contains($0) }
        return changes
    }

    /// The commits of `table` (hash to date) after `seen`, by date then hash, as the bundle orders them.
    private static func newerCommits(than seen: String, in table: [String: String]) -> Set<String> {
        let order = Timestamp.newestFirst(Array(table), date: \.value, hash: \.key)
        return Set(order.prefix { $0.key != seen }.map(\.key))
    }
}
