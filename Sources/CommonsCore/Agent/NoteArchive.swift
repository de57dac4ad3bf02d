import CommonsGit
import Foundation

/// The versions behind a commons built from git, for agents: a note as it was at a commit, the diff
/// of two of its versions, and what changed since a commit an agent saw. As on the site's history
/// pages, only notes published now have versions, only commits in the history of the published
/// commit are read, and a version is shown only when it was published then; a note made private is
/// never named.
public final class NoteArchive: @unchecked Sendable {
    /// libgit2 wants a handle used by one thread at a time; every use of `repository` holds the lock.
    private let lock = NSLock()
    private let repository: Repository
    private let plan: BuildPlan
    /// The commit the document was built from, or HEAD for a working tree: what "now" is.
    private let head: ObjectID?
    private let builtCommit: ObjectID?
    /// The commit answers name as what is published now: the bundle's, never a later commit that
    /// touched only private notes.
    private let shownCommit: String?
    private let contentPrefix: String
    private let versions: PublishedVersions
    private let filter: PublishFilter
    private let notes: [String: Current]
    /// Notes of the published commit that are not published: a note of an earlier commit found here
    /// was made private, and is not named as removed.
    private let unpublished: Set<NoteID>
    private var ancestries: [ObjectID: Set<ObjectID>] = [:]
    private var publishedAt: [ObjectID: [NoteID: PastNote]] = [:]
    private var linksAt: [ObjectID: PastLinks] = [:]

    private struct Current {
        let id: NoteID
        let title: String
        let linkTargets: [String]
        let markdown: String
        let frontMatter: FrontMatterValue
        let history: NoteHistory?
        let backlinks: [Mention]
    }

    /// A backlink as the bundle gives it: the linking note's id, and the passage around the link.
    private struct Mention: Equatable {
        let source: String
        let context: String
    }

    /// What the notes of an earlier commit showed of each other, by the ids they had then: each
    /// note's title, and its backlinks as its bundle gave them.
    private struct PastLinks {
        let titles: [String: String]
        let backlinks: [String: [Mention]]
    }

    /// A published note as an earlier commit published it: what the bundle of that commit shows.
    private struct PastNote {
        let id: String
        let markdown: String
        let frontMatter: FrontMatterValue
        /// Its title then, and the notes it linked to then, by the ids they had then, with the passage
        /// around each link. Read only when a change is asked about: it renders the note.
        let read: () -> (title: String, links: [(target: String, mention: Mention)])

        init(_ note: Note, id: String, publicMarkdown: PublicMarkdown, ids: @escaping (NoteID) -> String?) {
            self.id = id
            let markdown = publicMarkdown.text(of: note.body, writtenAt: note.id)
            self.markdown = markdown
            frontMatter = ContextBundle.redacted(.mapping(note.frontMatter.entries), in: note.id, by: publicMarkdown)
            read = {
                let body = PublishedBody(markdown)
                let title = NoteTitle.of(note, openingHeading: body.openingHeading)
                return (title, body.links.sorted { $0.offset < $1.offset }.compactMap { link in
                    publicMarkdown.note(linkedBy: link.written, from: note.id).flatMap(ids).map { ($0, Mention(source: id, context: link.context)) }
                })
            }
        }
    }

    init(_ commons: PublishedCommons, history: History, document: BundleDocument, plan: BuildPlan) throws {
        let source = commons.source
        repository = try Repository(discoveringFrom: source.repository.gitFolder)
        self.plan = plan
        builtCommit = source.snapshot.commit?.id
        shownCommit = document.provenance.commit
        contentPrefix = commons.settings.contentFolder.isEmpty ? "" : commons.settings.contentFolder + "/"
        head = source.historyHead
        versions = PublishedVersions(filter: commons.filter, publicMarkdown: commons.publicMarkdown, repository: repository)
        filter = commons.filter
        unpublished = Set(source.snapshot.markdownFiles.map(\.id)).subtracting(commons.published.notes.map(\.id))
        let byID = Dictionary(uniqueKeysWithValues: commons.rendered.notes.map { (ContextBundle.bundleID(pagePath: $0.pagePath), $0.note.id) })
        notes = Dictionary(uniqueKeysWithValues: document.notes.map { note in
            (note.id, Current(id: byID[note.id]!, title: note.title, linkTargets: note.links.map(\.target), markdown: note.markdown, frontMatter: note.frontMatter.value, history: history.notes[byID[note.id]!],
                              backlinks: note.backlinks.map { Mention(source: $0.source, context: $0.context) }))
        })
    }

    /// The note `id` as it was at `revision` (a hash, branch, tag or `HEAD~2`): the version its newest
    /// revision that `revision` has seen made, if the file was still there then.
    public func version(of id: String, at revision: String) throws -> NoteVersion {
        try lock.withLock {
            let commit = try resolveInHistory(revision)
            guard let version = try version(of: id, at: commit) else {
                throw BuildError("'\(id)' has no published version at commit \(commit.short)")
            }
            return version
        }
    }

    /// The diff between the note's versions at `from` and at `to`, or what is published now when `to`
    /// is nil. A side where the note has no published version counts as empty.
    public func diff(of id: String, from: String, to: String?) throws -> NoteVersionDiff {
        try lock.withLock {
            let fromCommit = try resolveInHistory(from)
            let toCommit = try to.map(resolveInHistory)
            let old = try version(of: id, at: fromCommit)
            let new = try toCommit.map { try version(of: id, at: $0) }
                ?? notes[id].map { NoteVersion(id: id, frontMatter: FrontMatterJSON(value: $0.frontMatter), markdown: $0.markdown) }
            let diff = try TextDiff(from: old?.markdown ?? "", to: new?.markdown ?? "")
            let lines = diff.hunks.flatMap(\.lines)
            return NoteVersionDiff(
                id: id, from: fromCommit.hex, to: toCommit?.hex ?? shownCommit,
                fromMissing: old == nil, toMissing: new == nil,
                frontMatterChanged: old?.frontMatter?.value != new?.frontMatter?.value,
                added: lines.filter { $0.kind == .added }.count, removed: lines.filter { $0.kind == .removed }.count,
                diff: diff.unifiedText)
        }
    }

    /// The notes an agent must fetch again, rename or drop to go from the bundle of `revision` (a
    /// commit it saw) to what is published now. Each side is judged by the publish rules of its own
    /// commit. A note that was published then and is private now is not named at all, as removed or as
    /// a rename's origin: the agent drops it by comparing its copy with the notes listed now.
    public func changes(since revision: String) throws -> NoteChanges {
        try lock.withLock {
            let since = try resolveInHistory(revision)
            let seen = try ancestry(of: since)
            var before = try publishedNotes(at: since)
            let then = try links(at: since)
            var changes = NoteChanges(since: since.hex, to: shownCommit)
            // Notes whose id or title is not what it was: the answers of the notes around them show both.
            var renamed: [String] = []
            for id in notes.keys.sorted(by: ContextBundle.byteOrder) {
                let note = notes[id]!
                guard let path = path(of: note, seen: seen), let past = before.removeValue(forKey: path) else {
                    changes.added.append(id)
                    continue
                }
                let textChanged = past.markdown != note.markdown || past.frontMatter != note.frontMatter
                if past.id != id || (textChanged && then.titles[past.id] != note.title) { renamed.append(id) }
                // A commit that changed only what is not published (a comment) is still in its history.
                let edited = textChanged || note.history?.revisions.contains { !seen.contains($0.commit) } == true
                if past.id != id {
                    if isWithheld(path) {
                        changes.added.append(id)
                    } else {
                        changes.renamed.append(.init(from: past.id, to: id, changed: edited))
                    }
                } else if edited {
                    changes.changed.append(id)
                }
            }
            changes.removed = before.filter { !isWithheld($0.key) }.map(\.value.id).sorted(by: ContextBundle.byteOrder)
            // A note whose own text is the same may still have other backlinks (a note linking to it
            // was added, changed, renamed or removed), or link to or from a note renamed or retitled.
            let listed = Set(changes.added + changes.changed + changes.renamed.map(\.to))
            let aroundRenamed = Set(renamed.flatMap { id in notes[id]!.backlinks.map(\.source) + notes[id]!.linkTargets })
            changes.relinked = notes.keys.sorted(by: ContextBundle.byteOrder).filter { id in
                !listed.contains(id) && (notes[id]!.backlinks != then.backlinks[id] ?? [] || aroundRenamed.contains(id))
            }
            return changes
        }
    }

    /// Where the note was in a commit that has `seen` these commits: its renames since, undone newest
    /// first; nil when it was made since (under its path, a note made later may have replaced another).
    private func path(of note: Current, seen: Set<ObjectID>) -> NoteID? {
        var path = note.id
        for revision in note.history?.revisions ?? [] where !seen.contains(revision.commit) {
            switch revision.kind {
            case .added: return nil
            case .renamed: path = NoteID(path: revision.previousPath ?? path.path)
            default: continue
            }
        }
        return path
    }

    /// A path whose name the site no longer shows: under a path the rules exclude now, or a note that
    /// is there now and private.
    private func isWithheld(_ path: NoteID) -> Bool {
        filter.isExcluded(path.path) || unpublished.contains(path)
    }

    /// Revisions an agent may name: a hash, or a branch or tag, with `~n` and `^n` steps. git's other
    /// forms reach what the site never shows: `HEAD:path` reads any file, `:/words` searches every
    /// commit's message, `@{n}` walks the reflog to commits amended away.
    private static func isPlainRevision(_ revision: String) -> Bool {
        let name = revision.prefix { $0 != "~" && $0 != "^" }
        let isNameCharacter = { (character: Character) in character.isASCII && (character.isLetter || character.isNumber || "._/-".contains(character)) }
        return name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true && name.allSatisfy(isNameCharacter)
            && !name.contains("..") && revision.dropFirst(name.count).allSatisfy { "~^0123456789".contains($0) }
    }

    /// The commit `revision` names, when it is in the history of the published commit. Every failure
    /// gives the same answer, so that no answer tells a private branch or an unreachable commit from
    /// nothing at all.
    private func resolveInHistory(_ revision: String) throws -> ObjectID {
        guard Self.isPlainRevision(revision), let head,
              let commit = try? repository.resolveCommit(revision), try ancestry(of: head).contains(commit) else {
            throw BuildError("'\(revision)' names no commit in the history of the published commit\(head.map { " " + $0.short } ?? ""):"
                             + " give a commit hash, a branch or tag, or an expression like HEAD~3")
        }
        return commit
    }

    private func version(of id: String, at commit: ObjectID) throws -> NoteVersion? {
        guard let note = notes[id] else { throw BuildError("no published note has the id '\(id)'") }
        let seen = try ancestry(of: commit)
        guard let revision = note.history?.revisions.first(where: { seen.contains($0.commit) }),
              let bytes = try repository.fileContents(at: contentPrefix + revision.path, in: commit),
              let version = versions.publishedNote(bytes: bytes, at: revision.path) else { return nil }
        // Its links and title are not asked for: a version is read for its text.
        let published = PastNote(version.note, id: id, publicMarkdown: versions.publicMarkdown, ids: { _ in nil })
        return NoteVersion(id: id, commit: commit.hex, revision: revision.commit.hex, path: contentPrefix + revision.path,
                           frontMatter: FrontMatterJSON(value: published.frontMatter), markdown: published.markdown)
    }

    private func ancestry(of commit: ObjectID) throws -> Set<ObjectID> {
        if let known = ancestries[commit] { return known }
        if ancestries.count >= 8 { ancestries.removeAll() }
        let ancestry = try repository.ancestry(of: commit)
        ancestries[commit] = ancestry
        return ancestry
    }

    /// What the notes of an earlier commit showed of each other. Backlinks are by source path, then
    /// place, a passage that links twice counted once, as the bundle gives them.
    private func links(at commit: ObjectID) throws -> PastLinks {
        if let known = linksAt[commit] { return known }
        var titles: [String: String] = [:]
        var backlinks: [String: [Mention]] = [:]
        for (_, note) in try publishedNotes(at: commit).sorted(by: { $0.key < $1.key }) {
            let (title, links) = note.read()
            titles[note.id] = title
            for (target, mention) in links where target != note.id { backlinks[target, default: []].append(mention) }
        }
        let known = PastLinks(titles: titles, backlinks: backlinks.mapValues { $0.droppingRepeats(==) })
        linksAt = [commit: known]
        return known
    }

    /// The published notes of an earlier commit, by the settings and rules of that commit.
    private func publishedNotes(at commit: ObjectID) throws -> [NoteID: PastNote] {
        if let known = publishedAt[commit] { return known }
        // The title plays no part in what was published.
        let snapshot = try ReadRepository.run(try CommitTree(repository: repository, revision: commit.hex), overrides: plan.overrides,
                                              title: SiteTitle.last)
        let published = try PublishFilter(settings: snapshot.settings).apply(ParseNotes.run(snapshot).notes, attachments: snapshot.attachments)
        let routes = AssignRoutes.run(published, home: snapshot.settings.home).0
        let publicMarkdown = PublicMarkdown(published, routes: routes)
        let ids = { (id: NoteID) in routes.path(of: id).map(ContextBundle.bundleID(pagePath:)) }
        let notes = Dictionary(uniqueKeysWithValues: published.notes.map { note in
            (note.id, PastNote(note, id: ids(note.id)!, publicMarkdown: publicMarkdown, ids: ids))
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
    /// Its file then, from the repository root.
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
    /// Notes not added, changed or renamed whose backlinks changed: a note linking to them was.
    public var relinked: [String] = []
    /// Set when the answer cannot name every change, with what the agent should do instead.
    public var incomplete: String?
}
