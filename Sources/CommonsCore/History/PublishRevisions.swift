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

    /// The lines the shown diff adds and removes; nil for a version that was not published. A page
    /// counts these, not git's, whose count against a private version would tell its size.
    public var lineCounts: (added: Int, removed: Int)? {
        guard markdown != nil else { return nil }
        var added = 0, removed = 0
        for line in diff?.hunks.flatMap(\.lines) ?? [] {
            switch line.kind {
            case .added: added += 1
            case .removed: removed += 1
            case .context: break
            }
        }
        return (added, removed)
    }
}

/// Stage: reads each revision of each published note and keeps what may be published of it. A past
/// version is judged as a note of its own, at the path it had then, by the same filter as the build's
/// notes; what it may show goes through `PublicMarkdown`, and the diff is taken between what may be
/// shown of two versions, never between the versions themselves.
enum PublishRevisions {
    struct Output {
        /// The texts of each note's revisions, in the order of its history's revisions.
        let texts: [NoteID: [RevisionText]]
        /// A warning for each note some of whose versions the repository lacks (a partial or damaged clone).
        let diagnostics: [Diagnostic]
        /// What was found of each version read, by `PublishedVersions.key`, for the next build.
        let found: [String: PublishedVersions.Text]
    }

    /// Notes are read on every core, each lane with its own repository handle and filter. A version
    /// the repository lacks is shown as not published, and named in a warning: the build goes on.
    /// `earlier` is what an earlier build found of each version, in the same environment (see `VersionCache`).
    static func run(_ history: History, settings: Settings, publicMarkdown: PublicMarkdown, gitFolder: String,
                    earlier: [String: PublishedVersions.Text] = [:]) throws -> Output {
        let notes = history.notes.sorted { $0.key < $1.key }
        let prefix = settings.contentFolder.isEmpty ? "" : settings.contentFolder + "/"
        let results = try Lanes.map(notes, lane: { () throws in
            PublishedVersions(filter: try PublishFilter(settings: settings), publicMarkdown: publicMarkdown,
                              repository: try Repository(discoveringFrom: gitFolder), earlier: earlier)
        }) { versions, note throws -> ([RevisionText], Diagnostic?, [(String, PublishedVersions.Text)]) in
            var missing: [Revision] = []
            var found: [(String, PublishedVersions.Text)] = []
            func publicText(_ blob: ObjectID, at path: String) throws -> PublishedVersions.Text {
                let text = try versions.publicText(blob, at: path)
                if text != .missing { found.append((PublishedVersions.key(blob, at: path), text)) }
                return text
            }
            let texts = try note.value.revisions.map { revision throws in
                let markdown: String
                switch try publicText(revision.blob, at: revision.path) {
                case .found(let text): markdown = text
                case .missing:
                    missing.append(revision)
                    return RevisionText(markdown: nil, diff: nil, previousWithheld: false)
                case .withheld: return RevisionText(markdown: nil, diff: nil, previousWithheld: false)
                }
                var previous: String?
                if let blob = revision.previousBlob {
                    // A version the clone lacks is the one an earlier revision made, counted there.
                    if case .found(let text) = try publicText(blob, at: revision.previousPath ?? revision.path) { previous = text }
                }
                return RevisionText(markdown: markdown, diff: try TextDiff(from: previous ?? "", to: markdown),
                                    previousWithheld: revision.previousBlob != nil && previous == nil)
            }
            return (texts, missing.first.map { newest in
                Diagnostic(path: prefix + note.key.path, message: "the repository lacks \(missing.count == 1 ? "one version" : "\(missing.count) versions") of this note, "
                           + "the newest from commit \(newest.commit.short) (a partial or damaged clone): the history shows no text for \(missing.count == 1 ? "it" : "them")",
                           rule: .missingObject)
            }, found)
        }
        return Output(texts: Dictionary(uniqueKeysWithValues: zip(notes.map(\.key), results.map(\.0))), diagnostics: results.compactMap(\.1),
                      found: Dictionary(results.flatMap(\.2), uniquingKeysWith: { first, _ in first }))
    }
}
