import CommonsCore
import Foundation
import MCP

/// Answers the tools of `ToolCatalog` from the library. Every answer is made of the bundle's notes or
/// of the archive, which judge what is published as the site and its history pages do.
struct NoteTools: Sendable {
    let library: NoteLibrary

    /// The tool's answer as JSON, or an error the agent can act on.
    func call(_ name: String, _ arguments: [String: Value]?) throws -> any Encodable {
        switch name {
        case "search_notes":
            let input = try ToolArguments(arguments, allowed: ["query", "limit", "tag", "cursor"])
            let query = try input.requiredString("query")
            let paging = try Paging(input, limits: ToolCatalog.searchLimit)
            let limit = paging.limit ?? 10
            // One more than the page, to tell whether another page follows.
            let hits = try library.search.search(query, limit: paging.start + limit + 1, tag: try input.string("tag"))
            let page = Array(hits.dropFirst(paging.start).prefix(limit))
            return SearchAnswer(query: query, hits: page, nextCursor: hits.count > paging.start + limit ? String(paging.start + limit) : nil)
        case "read_note":
            let input = try ToolArguments(arguments, allowed: ["id", "path", "title", "section"])
            let key = try input.oneOf(["id", "path", "title"])
            let note = switch key.name {
            case "id": try library.note(id: key.value)
            case "path": try library.note(path: key.value)
            default: try library.note(title: key.value)
            }
            if let section = try input.string("section") { return try SectionAnswer(note, section: section) }
            return NoteAnswer(note, library: library)
        case "list_notes":
            let input = try ToolArguments(arguments, allowed: ["tag", "folder", "updated_since", "limit", "cursor"])
            let notes = try listNotes(tag: try input.string("tag"), folder: try input.string("folder"), updatedSince: try input.string("updated_since"))
            return PagedAnswer(key: "notes", page: try Paging(input).page(of: notes))
        case "list_tags":
            let input = try ToolArguments(arguments, allowed: ["limit", "cursor"])
            var counts: [String: Int] = [:]
            for note in library.notes {
                for tag in Set(note.tags) { counts[tag, default: 0] += 1 }
            }
            let tags = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { TagCount(tag: $0, notes: counts[$0]!) }
            return PagedAnswer(key: "tags", page: try Paging(input).page(of: tags))
        case "links":
            let input = try ToolArguments(arguments, allowed: ["id", "limit", "cursor"])
            let note = try library.note(id: try input.requiredString("id"))
            return PagedAnswer(key: "links", id: note.id, page: try Paging(input).page(of: library.links(of: note)))
        case "backlinks":
            let input = try ToolArguments(arguments, allowed: ["id", "limit", "cursor"])
            let note = try library.note(id: try input.requiredString("id"))
            return PagedAnswer(key: "backlinks", id: note.id, page: try Paging(input).page(of: library.backlinks(of: note)))
        case "neighbourhood":
            let input = try ToolArguments(arguments, allowed: ["id", "depth", "limit", "cursor"])
            let note = try library.note(id: try input.requiredString("id"))
            return try Neighbourhood(around: note.id, depth: try input.integer("depth", in: ToolCatalog.neighbourhoodDepth) ?? 1,
                                     in: library, paging: try Paging(input))
        case "note_history":
            let input = try ToolArguments(arguments, allowed: ["id", "limit", "cursor"])
            let note = try library.note(id: try input.requiredString("id"))
            let page = try Paging(input).page(of: note.history)
            return HistoryAnswer(id: note.id, revisions: note.revisions, historyTruncated: note.historyTruncated,
                                 history: page.items, nextCursor: page.nextCursor)
        case "log":
            return PagedAnswer(key: "commits", page: try Paging(try ToolArguments(arguments, allowed: ["limit", "cursor"])).page(of: library.log.entries))
        case "note_at_revision":
            let input = try ToolArguments(arguments, allowed: ["id", "commit"])
            let note = try library.note(id: try input.requiredString("id"))
            return try archive("note_at_revision").version(of: note.id, at: try input.requiredString("commit"))
        case "diff":
            let input = try ToolArguments(arguments, allowed: ["id", "from", "to"])
            let note = try library.note(id: try input.requiredString("id"))
            return try archive("diff").diff(of: note.id, from: try input.requiredString("from"), to: try input.string("to"))
        case "changes_since":
            let commit = try ToolArguments(arguments, allowed: ["commit"]).requiredString("commit")
            if let archive = library.archive { return try archive.changes(since: commit) }
            return try NoteChanges.since(commit, in: library.document)
        default:
            throw ToolError("unknown tool '\(name)'; tools/list names the tools")
        }
    }

    private func archive(_ tool: String) throws(ToolError) -> NoteArchive {
        guard let archive = library.archive else {
            throw ToolError("\(tool) reads past versions from the git repository, and this server reads a bundle: run `commons mcp` in the repository for it")
        }
        return archive
    }

    private func listNotes(tag: String?, folder: String?, updatedSince: String?) throws -> [ListedNote] {
        let prefix = folder.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let since = try updatedSince.map(Self.date)
        let notes = library.notes.filter { note in
            (tag.map { NoteSearch.note(note, hasTag: $0) } ?? true)
                && (prefix.map { note.path.hasPrefix($0) } ?? true)
                && (since.map { since in note.updated.flatMap { Self.instant($0.date) }.map { $0 >= since } ?? false } ?? true)
        }
        return notes.map(ListedNote.init)
    }

    /// A date or a date and time; a date alone is midnight UTC.
    private static func date(_ text: String) throws(ToolError) -> Date {
        if let date = instant(text) ?? instant(text + "T00:00:00Z") { return date }
        throw ToolError("'updated_since' must be a date like 2026-01-31 or a time like 2026-01-31T12:00:00Z, not '\(text)'")
    }

    private static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }
}
