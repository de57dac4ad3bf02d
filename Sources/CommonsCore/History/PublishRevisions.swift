import CommonsGit

/// What a history page may show of one revision's content.
public struct RevisionText: Sendable {
    /// The note's Markdown at this revision with private links dropped; nil when this version of the
    /// note was not published (private then, or in an excluded folder).
    public let markdown: String?
    /// From what may be shown of the version before (nothing, when it was not published or there was
    /// none) to `markdown`; nil with it.
    public let diff: TextDiff?
    /// The version before existed but was not published, so the diff cannot show what it replaced.
    public let previousWithheld: Bool
}

/// Stage: reads each revision of each published note and keeps what may be published of it. A past
/// version is judged as a note of its own, at the path it had then, by the same filter as the build's
/// notes; what it may show goes through `PublicMarkdown`, and the diff is taken between what may be
/// shown of two versions, never between the versions themselves.
enum PublishRevisions {
    /// The texts of each note's revisions, in the order of its history's revisions. Notes are read on
    /// every core, each lane with its own repository handle and filter.
    static func run(_ history: History, settings: Settings, publicMarkdown: PublicMarkdown, gitFolder: String) throws -> [NoteID: [RevisionText]] {
        let notes = history.notes.sorted { $0.key < $1.key }
        let texts = try Lanes.map(notes, lane: { () throws in
            PublishedVersions(filter: try PublishFilter(settings: settings), publicMarkdown: publicMarkdown,
                              repository: try Repository(discoveringFrom: gitFolder))
        }) { versions, note throws in
            try note.value.revisions.map { revision throws in
                guard let markdown = try versions.publicText(revision.blob, at: revision.path) else {
                    return RevisionText(markdown: nil, diff: nil, previousWithheld: false)
                }
                let previous = try revision.previousBlob.flatMap { try versions.publicText($0, at: revision.previousPath ?? revision.path) }
                return RevisionText(markdown: markdown, diff: try TextDiff(from: previous ?? "", to: markdown),
                                    previousWithheld: revision.previousBlob != nil && previous == nil)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(notes.map(\.key), texts))
    }
}
