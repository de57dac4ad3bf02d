import CommonsGit

/// Judges past versions of notes as the build judges its notes: a version is published when the
/// filter would publish it as a note of its own at the path it had then, and it shows what
/// `PublicMarkdown` keeps of it. Each version is read and judged once: most blobs are both one
/// revision's new side and the next one's old side.
struct PublishedVersions {
    let filter: PublishFilter
    let publicMarkdown: PublicMarkdown
    let repository: Repository
    /// What an earlier build found of each version (see `VersionCache`), by `key`.
    private let earlier: [String: Text]
    /// What this one found, by `key`.
    private var known: [String: Text] = [:]

    init(filter: PublishFilter, publicMarkdown: PublicMarkdown, repository: Repository, earlier: [String: Text] = [:]) {
        self.filter = filter
        self.publicMarkdown = publicMarkdown
        self.repository = repository
        self.earlier = earlier
    }

    /// A version by its content and the path it had.
    static func key(_ blob: ObjectID, at path: String) -> String {
        blob.hex + path
    }

    enum Text: Equatable {
        case found(String)
        /// The version was not published: private then, or in an excluded folder.
        case withheld
        /// The repository lacks the version's content, as a partial or damaged clone does.
        case missing
    }

    /// What may be shown of the note that was `blob` at `path` (below the content folder).
    mutating func publicText(_ blob: ObjectID, at path: String) throws -> Text {
        let key = Self.key(blob, at: path)
        if let text = known[key] { return text }
        if let text = earlier[key] {
            known[key] = text
            return text
        }
        let text: Text
        do {
            let published = publishedNote(bytes: try repository.blob(blob), at: path)
            text = published.map { .found(publicMarkdown.text(of: $0.markdown, writtenAt: $0.note.id)) } ?? .withheld
        } catch {
            guard error.isNotFound else { throw error }
            text = .missing
        }
        known[key] = text
        return text
    }

    /// The version as a note of its own, and its whole text, when the filter publishes it.
    func publishedNote(bytes: [UInt8], at path: String) -> (note: Note, markdown: String)? {
        filter.publishedVersion(bytes: bytes, at: path)
    }
}
