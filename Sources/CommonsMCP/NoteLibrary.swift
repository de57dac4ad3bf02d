import CommonsCore
import Foundation

/// The published commons as the MCP tools query it: the bundle's notes indexed by id, path and title,
/// with its search index, and the archive of past versions when it was built from git. Made once when
/// the server starts.
struct NoteLibrary: Sendable {
    enum Origin: Sendable {
        /// Built from a git repository: a commit, or the working tree when `commit` is nil.
        case repository(commit: String?)
        /// Read from a published `commons.json` at this path or URL.
        case bundle(String)
    }

    let document: BundleDocument
    let origin: Origin
    let archive: NoteArchive?
    let search: NoteSearch
    let log: CommitLog
    private let byID: [String: Int]
    /// By bytes: `café.md` written in NFC and in NFD are two notes, which String keys would merge.
    private let byPath: [ExactString: Int]

    init(document: BundleDocument, origin: Origin, archive: NoteArchive?) throws(BuildError) {
        self.document = document
        self.origin = origin
        self.archive = archive
        search = try NoteSearch(document.notes)
        log = CommitLog(document.notes)
        byID = Dictionary(document.notes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        byPath = Dictionary(uniqueKeysWithValues: document.notes.enumerated().map { (ExactString($1.path), $0) })
    }

    var notes: [BundleDocument.Note] { document.notes }

    func note(id: String) throws(ToolError) -> BundleDocument.Note {
        guard let index = byID[id] else {
            throw ToolError("no published note has the id '\(id)': search_notes and list_notes give the ids")
        }
        return notes[index]
    }

    /// The note at a path from the repository root, `.md` optional.
    func note(path: String) throws(ToolError) -> BundleDocument.Note {
        guard let index = byPath[ExactString(path)] ?? byPath[ExactString(path + ".md")] else {
            throw ToolError("no published note is at '\(path)': paths are from the repository root, like folder/Note.md")
        }
        return notes[index]
    }

    /// The note whose title or alias this is, compared without case; an error names every candidate
    /// when several notes answer to it.
    func note(title: String) throws(ToolError) -> BundleDocument.Note {
        let wanted = title.lowercased()
        let matches = notes.filter { note in note.title.lowercased() == wanted || note.aliases.contains { $0.lowercased() == wanted } }
        guard let first = matches.first else {
            throw ToolError("no published note has the title or alias '\(title)': search_notes finds notes by their words")
        }
        guard matches.count == 1 else {
            throw ToolError("\(matches.count) notes answer to '\(title)': \(matches.map(\.id).joined(separator: ", ")); ask by id")
        }
        return first
    }

    func title(of id: String) -> String? {
        byID[id].map { notes[$0].title }
    }

    /// The note's links, each with its target's title, as the tools answer them.
    func links(of note: BundleDocument.Note) -> [LinkAnswer] {
        note.links.map { LinkAnswer($0, title: title(of: $0.target)) }
    }

    func backlinks(of note: BundleDocument.Note) -> [BacklinkAnswer] {
        note.backlinks.map { BacklinkAnswer($0, title: title(of: $0.source)) }
    }

    /// The ids linked from or to the note, each once.
    func neighbours(of id: String) -> [String] {
        guard let note = try? note(id: id) else { return [] }
        var seen: Set<String> = []
        return (note.links.map(\.target) + note.backlinks.map(\.source)).filter { $0 != id && seen.insert($0).inserted }
    }

    /// The commit an agent should remember to ask `changes_since` later: the published commit; from a
    /// bundle, its latest commit that changed published notes, which is the one its list of commits
    /// will still hold.
    var commitToRemember: String? {
        switch origin {
        case .repository(let commit): commit
        case .bundle: document.commits.first?.commit
        }
    }

    /// What this commons is, for the server's instructions and answers.
    var provenance: String {
        switch origin {
        case .repository(let commit?): "the git repository at commit \(commit)"
        case .repository(nil): "the working tree of the git repository (uncommitted edits included)"
        case .bundle(let location): "the context bundle \(location)" + (document.provenance.commit.map { ", built from commit \($0)" } ?? "")
        }
    }
}
