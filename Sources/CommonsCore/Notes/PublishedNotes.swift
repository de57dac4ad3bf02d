/// The notes this build may show, in path order. Only `PublishFilter` can make one, and every later stage
/// takes this type, so a private note cannot reach a page, a list or a file by mistake.
public struct PublishedNotes: Sendable {
    public let notes: [Note]
    /// Paths (below the content folder) that may be copied into the site when a published note uses them.
    public let attachments: Set<String>
    /// Lets a link to an unpublished note be told from a link to nothing, without revealing the note.
    public let withheld: WithheldNames

    fileprivate init(notes: [Note], attachments: Set<String>, withheld: WithheldNames) {
        self.notes = notes
        self.attachments = attachments
        self.withheld = withheld
    }

    public var ids: Set<NoteID> { Set(notes.map(\.id)) }

    /// The same notes, with only the attachments in `copied`, the others withheld: for text that may
    /// link only to files the site holds (a past version, which may use a file no note uses now),
    /// whose links to the others are then shown as their text.
    func keeping(attachments copied: Set<String>) -> PublishedNotes {
        let dropped = attachments.subtracting(copied)
        return PublishedNotes(notes: notes, attachments: attachments.intersection(copied), withheld: withheld.adding(files: dropped))
    }
}

/// Decides which notes are published: front matter first, then the path rules of the settings.
public struct PublishFilter: Sendable {
    private let settings: Settings
    private let excluded: ExcludePatterns

    public init(settings: Settings) throws {
        self.settings = settings
        self.excluded = try ExcludePatterns(settings.exclude)
    }

    /// Whether a path is kept out of the site by the path rules, whatever the file says.
    public func isExcluded(_ path: String) -> Bool {
        excluded.matches(path)
    }

    /// Whether a note is published, by its front matter and path.
    public func publishes(_ note: Note) -> Bool {
        if excluded.matches(note.id.path) || !note.frontMatterIsReadable { return false }
        let frontMatter = note.frontMatter
        if frontMatter.isPrivate { return false }
        if frontMatter.isDraft && !settings.drafts { return false }
        switch frontMatter.publish {
        case .some(let publish): return publish
        case .none: return settings.defaultVisibility == .public
        }
    }

    /// A past version of a note (`bytes`, at the path it had then) as a note of its own, and its
    /// whole text, when it would be published as one.
    func publishedVersion(bytes: [UInt8], at path: String) -> (note: Note, markdown: String)? {
        guard case .success(let markdown) = ParseNotes.decode(bytes) else { return nil }
        let note = ParseNotes.parse(markdown, id: NoteID(path: path), sourcePath: path).0
        return publishes(note) ? (note, markdown) : nil
    }

    public func apply(_ notes: [Note], attachments: Set<String>) -> PublishedNotes {
        let (published, withheld) = notes.reduce(into: ([Note](), [Note]())) { result, note in
            if publishes(note) { result.0.append(note) } else { result.1.append(note) }
        }
        let withheldFiles = attachments.filter { excluded.matches($0) }
        return PublishedNotes(notes: published, attachments: attachments.subtracting(withheldFiles), withheld: WithheldNames(withheld, files: withheldFiles))
    }
}
