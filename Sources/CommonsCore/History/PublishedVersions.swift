import CommonsGit

/// Judges past versions of notes as the build judges its notes: a version is published when the
/// filter would publish it as a note of its own at the path it had then, and it shows what
/// `PublicMarkdown` keeps of it. Each version is read and judged once: most blobs are both one
/// revision's new side and the next one's old side.
struct PublishedVersions {
    let filter: PublishFilter
    let publicMarkdown: PublicMarkdown
    let repository: Repository
    private var known: [String: String?] = [:]

    init(filter: PublishFilter, publicMarkdown: PublicMarkdown, repository: Repository) {
        self.filter = filter
        self.publicMarkdown = publicMarkdown
        self.repository = repository
    }

    /// What may be shown of the note that was `blob` at `path` (below the content folder), or nil when
    /// it was not published.
    mutating func publicText(_ blob: ObjectID, at path: String) throws -> String? {
        let key = blob.hex + path
        if let text = known[key] { return text }
        let text = publishedNote(bytes: try repository.blob(blob), at: path).map { publicMarkdown.text(of: $0.markdown, writtenAt: $0.note.id) }
        known[key] = text
        return text
    }

    /// The version as a note of its own, and its whole text, when the filter publishes it.
    func publishedNote(bytes: [UInt8], at path: String) -> (note: Note, markdown: String)? {
        let id = NoteID(path: path)
        guard case .success(let markdown) = ParseNotes.decode(bytes) else { return nil }
        let note = ParseNotes.parse(markdown, id: id, sourcePath: path).0
        return filter.publishes(note) ? (note, markdown) : nil
    }
}
