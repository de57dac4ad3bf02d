import CommonsGit
import Foundation

/// The versions behind a commons built from git, for agents: a note as it was at a commit, the diff
/// of two of its versions, and what changed since a commit an agent saw. Only notes published now
/// have versions, and each version goes through the filter the site's history pages use, so nothing
/// here shows what the site withholds.
public final class NoteArchive: @unchecked Sendable {
    /// libgit2 wants a handle used by one thread at a time; every use of `repository` holds the lock.
    private let lock = NSLock()
    private let repository: Repository
    private let plan: BuildPlan
    /// The commit the document was built from, or HEAD for a working tree: what "now" is.
    private let head: ObjectID?
    private let builtCommit: ObjectID?
    private let contentPrefix: String
    private var versions: PublishedVersions
    private let notes: [String: Current]
    private var ancestries: [ObjectID: Set<ObjectID>] = [:]
    private var publishedAt: [ObjectID: [String: PastNote]] = [:]

    private struct Current {
        let id: NoteID
        let markdown: String
        let frontMatter: FrontMatterValue
        let history: NoteHistory?
    }

    /// A published note as an earlier commit published it: what the bundle of that commit shows.
    private struct PastNote {
        let id: String
        let markdown: String
        let frontMatter: FrontMatterValue

        init(_ note: Note, id: String, publicMarkdown: PublicMarkdown) {
            self.id = id
            markdown = publicMarkdown.text(of: note.body, writtenAt: note.id)
            frontMatter = ContextBundle.redacted(.mapping(note.frontMatter.entries), in: note.id, by: publicMarkdown)
        }
    }

    init(_ commons: PublishedCommons, history: History, document: BundleDocument, plan: BuildPlan) throws {
        let source = commons.source
        repository = try Repository(discoveringFrom: source.repository.gitFolder)
        self.plan = plan
        builtCommit = source.snapshot.commit?.id
        contentPrefix = commons.settings.contentFolder.isEmpty ? "" : commons.settings.contentFolder + "/"
        head = builtCommit ?? (repository.isHeadUnborn ? nil : try? repository.resolveCommit("HEAD"))
        versions = PublishedVersions(filter: commons.filter, publicMarkdown: commons.publicMarkdown, repository: repository)
        let byID = Dictionary(uniqueKeysWithValues: commons.rendered.notes.map { (ContextBundle.bundleID(pagePath: $0.pagePath), $0.note.id) })
        notes = Dictionary(uniqueKeysWithValues: document.notes.map { note in
            (note.id, Current(id: byID[note.id]!, markdown: note.markdown, frontMatter: note.frontMatter.value, history: history.notes[byID[note.id]!]))
        })
    }

    /// The note `id` as it was at `revision` (a hash, branch, tag or `HEAD~2`): the version its newest
    /// revision that `revision` has seen made, if the file was still there then.
    public func version(of id: String, at revision: String) throws -> NoteVersion {
        try locked {
            let commit = try resolve(revision)
            guard let version = try version(of: id, at: commit) else {
                throw BuildError("'\(id)' has no published version at commit \(commit.short)")
            }
            return version
        }
    }

    /// The diff between the note's versions at `from` and at `to`, or what is published now when `to`
    /// is nil. A side where the note has no published version counts as empty.
    public func diff(of id: String, from: String, to: String?) throws -> NoteVersionDiff {
        try locked {
            let fromCommit = try resolve(from)
            let toCommit = try to.map(resolve)
            let old = try version(of: id, at: fromCommit)
            let new = try toCommit.map { try version(of: id, at: $0) }
                ?? notes[id].map { NoteVersion(id: id, frontMatter: FrontMatterJSON(value: $0.frontMatter), markdown: $0.markdown) }
            let diff = try TextDiff(from: old?.markdown ?? "", to: new?.markdown ?? "")
            let lines = diff.hunks.flatMap(\.lines)
            return NoteVersionDiff(
                id: id, from: fromCommit.hex, to: toCommit?.hex ?? builtCommit?.hex,
                fromMissing: old == nil, toMissing: new == nil,
                frontMatterChanged: old?.frontMatter?.value != new?.frontMatter?.value,
                added: lines.filter { $0.kind == .added }.count, removed: lines.filter { $0.kind == .removed }.count,
                diff: diff.hunks.map { hunk in
                    ([hunk.header] + hunk.lines.map { line in
                        switch line.kind {
                        case .added: "+" + line.text
                        case .removed: "-" + line.text
                        case .context: " " + line.text
                        }
                    }).joined(separator: "\n")
                }.joined(separator: "\n"))
        }
    }

    /// The notes an agent must fetch again, rename or drop to go from the bundle of `revision` (a
    /// commit it saw) to what is published now. Both sides are judged by the publish rules of their
    /// own commit, so a note made private since is simply removed.
    public func changes(since revision: String) throws -> NoteChanges {
        try locked {
            let since = try resolve(revision)
            guard let head, try ancestry(of: head).contains(since) else {
                throw BuildError("commit \(since.short) is not in the history of the built commit\(head.map { " " + $0.short } ?? "")")
            }
            let seen = try ancestry(of: since)
            var before = try publishedNotes(at: since)
            var changes = NoteChanges(since: since.hex, to: builtCommit?.hex)
            for id in notes.keys.sorted(by: ContextBundle.byteOrder) {
                let note = notes[id]!
                // Where the note was at `since`: its renames since then, undone newest first.
                var path = note.id.path
                for revision in note.history?.revisions ?? [] where !seen.contains(revision.commit) && revision.kind == .renamed {
                    path = revision.previousPath ?? path
                }
                guard let past = before.removeValue(forKey: path) else {
                    changes.added.append(id)
                    continue
                }
                let edited = past.markdown != note.markdown || past.frontMatter != note.frontMatter
                if past.id != id {
                    changes.renamed.append(.init(from: past.id, to: id, changed: edited))
                } else if edited {
                    changes.changed.append(id)
                }
            }
            changes.removed = before.values.map(\.id).sorted(by: ContextBundle.byteOrder)
            return changes
        }
    }

    private func locked<T>(_ work: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try work()
    }

    private func resolve(_ revision: String) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch {
            // Caught whole and rethrown: a `catch where` on a typed throw crashes the Swift 6.3 compiler.
            if error.isNotFound { throw BuildError("unknown revision '\(revision)': no branch, tag or commit has that name") }
            throw error
        }
    }

    private func version(of id: String, at commit: ObjectID) throws -> NoteVersion? {
        guard let note = notes[id] else { throw BuildError("no published note has the id '\(id)'") }
        let seen = try ancestry(of: commit)
        guard let revision = note.history?.revisions.first(where: { seen.contains($0.commit) }),
              let bytes = try repository.fileContents(at: contentPrefix + revision.path, in: commit),
              let version = versions.publishedNote(bytes: bytes, at: revision.path) else { return nil }
        let published = PastNote(version.note, id: id, publicMarkdown: versions.publicMarkdown)
        return NoteVersion(id: id, commit: commit.hex, revision: revision.commit.hex, path: revision.path,
                           frontMatter: FrontMatterJSON(value: published.frontMatter), markdown: published.markdown)
    }

    private func ancestry(of commit: ObjectID) throws -> Set<ObjectID> {
        if let known = ancestries[commit] { return known }
        if ancestries.count >= 8 { ancestries.removeAll() }
        let ancestry = try repository.ancestry(of: commit)
        ancestries[commit] = ancestry
        return ancestry
    }

    /// The published notes of an earlier commit, by the settings and rules of that commit.
    private func publishedNotes(at commit: ObjectID) throws -> [String: PastNote] {
        if let known = publishedAt[commit] { return known }
        let snapshot = try ReadRepository.run(try CommitTree(repository: repository, revision: commit.hex), overrides: plan.overrides, outputFolder: nil)
        let published = try PublishFilter(settings: snapshot.settings).apply(ParseNotes.run(snapshot).notes, attachments: snapshot.attachments)
        let routes = AssignRoutes.run(published).0
        let publicMarkdown = PublicMarkdown(published, routes: routes)
        let notes = Dictionary(uniqueKeysWithValues: published.notes.map { note in
            (note.id.path, PastNote(note, id: ContextBundle.bundleID(pagePath: routes.path(of: note.id)!), publicMarkdown: publicMarkdown))
        })
        publishedAt = [commit: notes]
        return notes
    }
}

/// A past version of a note, as an agent reads it.
public struct NoteVersion: Codable, Sendable {
    public let id: String
    /// The commit asked about; nil for what is published now.
    public var commit: String?
    /// The commit that made this version.
    public var revision: String?
    /// Its path below the content folder then.
    public var path: String?
    public var frontMatter: FrontMatterJSON?
    /// The Markdown after the front matter, as the bundle has it.
    public let markdown: String

    init(id: String, commit: String? = nil, revision: String? = nil, path: String? = nil, frontMatter: FrontMatterJSON? = nil, markdown: String) {
        self.id = id
        self.commit = commit
        self.revision = revision
        self.path = path
        self.frontMatter = frontMatter
        self.markdown = markdown
    }
}

/// The difference between two versions of a note, as `git diff` shows it.
public struct NoteVersionDiff: Codable, Sendable {
    public let id: String
    public let from: String
    /// nil when the newer side is the working tree.
    public let to: String?
    public let fromMissing: Bool
    public let toMissing: Bool
    /// The diff is of the Markdown after the front matter; a change to the front matter shows here,
    /// and in the versions themselves.
    public let frontMatterChanged: Bool
    public let added: Int
    public let removed: Int
    public let diff: String
}

/// What changed between two bundles of the same commons, by note id.
public struct NoteChanges: Codable, Sendable {
    public struct Rename: Codable, Sendable {
        public let from: String
        public let to: String
        /// Whether its content changed too.
        public let changed: Bool
    }

    public let since: String
    /// nil when the newer side is the working tree.
    public let to: String?
    public var added: [String] = []
    public var changed: [String] = []
    public var renamed: [Rename] = []
    public var removed: [String] = []
    /// Set when the answer cannot name every change, with what the agent should do instead.
    public var incomplete: String?
}
