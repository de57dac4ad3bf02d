import MCP

/// The tools `commons mcp` offers, with the JSON Schema of each one's input and of its answer.
/// `NoteTools` reads the arguments the same way, so the schema and the checks cannot drift apart
/// without a test noticing; the official client checks each answer against its output schema.
enum ToolCatalog {
    static let searchLimit = 1...50
    static let neighbourhoodDepth = 1...3

    static func tools(gitMode: Bool) -> [Tool] {
        let gitOnly = gitMode ? "" : " Needs the git repository: not available when serving a bundle."
        let paged = " Answers a page at a time: about 20 KB unless `limit` says how many; `nextCursor` is given while more remain, and `total` says how many there are."
        return [
            tool("search_notes", "Full-text search of the published notes: titles, aliases, tags, headings and text. Words stand for every word of their stem (\"callouts\" finds \"callout\"); every word but small ones (\"how\", \"the\") must occur in a note, and when no note has them all, notes with any rank. Hits are ranked best first, each with its id, title, url, the best-matching section's anchor and a snippet. `nextCursor` is given while more hits remain.", [
                "query": string("The words to look for."),
                "limit": integer("How many hits to return (default 10).", searchLimit),
                "tag": string("Only notes with this tag (with or without #)."),
                "cursor": cursor,
            ], required: ["query"], output: Output.search),
            tool("read_note", "A published note by id, path or title: its front matter, Markdown, headings, links, backlinks, created and updated commits, and authors. With `section`, only that section's Markdown, from its heading to the next heading of the note's top level.", [
                "id": string("The note's id, as search_notes and list_notes give it."),
                "path": string("The note's file from the repository root, like folder/Note.md."),
                "title": string("The note's title or one of its aliases, in any case."),
                "section": string("A heading's anchor or text: return only the section under that heading."),
            ], output: Output.note),
            tool("list_notes", "The published notes, by id, with title, path, url, tags and when each was last updated; optionally only those with a tag, in a folder, or updated since a date." + paged, [
                "tag": string("Only notes with this tag (with or without #)."),
                "folder": string("Only notes in this folder (from the repository root) or below it."),
                "updated_since": string("Only notes updated at or after this date or time (RFC 3339, like 2026-01-31 or 2026-01-31T12:00:00Z); notes with no committed history are left out."),
                "limit": limit, "cursor": cursor,
            ], output: Output.paged("notes", Output.listedNote)),
            tool("list_tags", "Every tag of the published notes, with how many notes carry it." + paged, [
                "limit": limit, "cursor": cursor,
            ], output: Output.paged("tags", Output.object(["tag": Output.string, "notes": Output.integer]))),
            tool("links", "The published notes a note links to, in the order of its text, with the link's text, the heading it points into and whether it embeds the note." + paged, [
                "id": string("The note's id."),
                "limit": limit, "cursor": cursor,
            ], required: ["id"], output: Output.paged("links", Output.link, id: true)),
            tool("backlinks", "The published notes that link to a note, each with the passage around the link." + paged, [
                "id": string("The note's id."),
                "limit": limit, "cursor": cursor,
            ], required: ["id"], output: Output.paged("backlinks", Output.backlink, id: true)),
            tool("neighbourhood", "The link graph around a note: the notes within `depth` links of it, either way, nearest first, each with the notes of the neighbourhood it links to." + paged, [
                "id": string("The note at the centre."),
                "depth": integer("How many links away to go (default 1).", neighbourhoodDepth),
                "limit": limit, "cursor": cursor,
            ], required: ["id"], output: Output.neighbourhood),
            tool("note_history", "A note's revisions, newest first: the commits that added, changed or renamed it, with author, date, subject and lines added and removed." + paged, [
                "id": string("The note's id."),
                "limit": limit, "cursor": cursor,
            ], required: ["id"], output: Output.history),
            tool("log", "The commits that changed published notes, newest first, each with its date, author, subject and the notes it added, changed or renamed." + paged, [
                "limit": limit, "cursor": cursor,
            ], output: Output.paged("commits", Output.logEntry)),
            tool("note_at_revision", "A note's Markdown as it was at a commit (a hash, branch, tag or expression like HEAD~3), as its history page shows it." + gitOnly, [
                "id": string("The note's id (as published now)."),
                "commit": string("The commit to read the note at."),
            ], required: ["id", "commit"], output: Output.version),
            tool("diff", "The unified diff of a note's Markdown (after its front matter) between two commits, or between a commit and what is published now, with whether its front matter changed too." + gitOnly, [
                "id": string("The note's id (as published now)."),
                "from": string("The older commit."),
                "to": string("The newer commit (default: what is published now)."),
            ], required: ["id", "from"], output: Output.diff),
            tool("changes_since", "What changed in the published notes since a commit an agent has seen (the one this server's instructions name): the notes added, changed, renamed and removed, and the notes relinked (the same text, other backlinks), so that a mirror fetches only those. A note made private is not named: drop from your copy the ids that list_notes no longer gives." + (gitMode ? " Any commit of the published history will do." : " From a bundle this takes a commit that changed a published note (every bundle's provenance.commit is one); it names the notes added and changed but not those renamed or removed, and as relinked the notes the changed ones link to now."), [
                "commit": string("The commit the agent's copy was made from."),
            ], required: ["commit"], output: Output.changes),
        ]
    }

    /// The notes as resources, by id.
    static let noteTemplate = Resource.Template(
        uriTemplate: NoteResources.scheme + "{id}", name: "note", title: "A published note",
        description: "A published note's Markdown, after its front matter; {id} is the note's id as search_notes and list_notes give it, percent-encoded as a URI path.",
        mimeType: "text/markdown")

    private static let limit = integer("How many to return (default: as many as fit in about 20 KB).", Paging.limits)
    private static let cursor = string("The nextCursor of the previous answer, for the page after it.")

    private static func tool(_ name: String, _ description: String, _ properties: [String: Value], required: [String] = [],
                             output: Value) -> Tool {
        Tool(name: name, description: description, inputSchema: .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(required.map(Value.string)),
            "additionalProperties": .bool(false),
        ]), annotations: .init(readOnlyHint: true, openWorldHint: false), outputSchema: output)
    }

    private static func string(_ description: String) -> Value {
        .object(["type": .string("string"), "minLength": .int(1), "description": .string(description)])
    }

    private static func integer(_ description: String, _ range: ClosedRange<Int>) -> Value {
        .object(["type": .string("integer"), "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound),
                 "description": .string(description)])
    }
}
