import MCP

/// The tools `commons mcp` offers, with the JSON Schema of each one's input. `NoteTools` reads the
/// arguments the same way, so the schema and the checks cannot drift apart without a test noticing.
enum ToolCatalog {
    static let searchLimit = 1...50
    static let historyLimit = 1...1000
    static let neighbourhoodDepth = 1...3

    static func tools(gitMode: Bool) -> [Tool] {
        let gitOnly = gitMode ? "" : " Needs the git repository: not available when serving a bundle."
        return [
            tool("search_notes", "Full-text search of the published notes: titles, aliases, tags, headings and text. Every word must occur in a note; words of three letters or more also match longer words they start. Hits are ranked best first, each with its id, title, url, the best-matching section's anchor and a snippet.", [
                "query": string("The words to look for."),
                "limit": integer("How many hits to return (default 10).", searchLimit),
                "tag": string("Only notes with this tag (with or without #)."),
            ], required: ["query"]),
            tool("read_note", "A published note by id, path or title: its front matter, Markdown, headings, links, backlinks, created and updated commits, and authors. With `section`, only that section's text.", [
                "id": string("The note's id, as search_notes and list_notes give it."),
                "path": string("The note's file from the repository root, like folder/Note.md."),
                "title": string("The note's title or one of its aliases, in any case."),
                "section": string("A heading's anchor or text: return only the section under that heading."),
            ]),
            tool("list_notes", "The published notes, by id, with title, path, url, tags and when each was last updated; optionally only those with a tag, in a folder, or updated since a date.", [
                "tag": string("Only notes with this tag (with or without #)."),
                "folder": string("Only notes in this folder (from the repository root) or below it."),
                "updated_since": string("Only notes updated at or after this date or time (RFC 3339, like 2026-01-31 or 2026-01-31T12:00:00Z); notes with no committed history are left out."),
            ]),
            tool("list_tags", "Every tag of the published notes, with how many notes carry it.", [:]),
            tool("links", "The published notes a note links to, in the order of its text, with the link's text, the heading it points into and whether it embeds the note.", [
                "id": string("The note's id."),
            ], required: ["id"]),
            tool("backlinks", "The published notes that link to a note, each with the passage around the link.", [
                "id": string("The note's id."),
            ], required: ["id"]),
            tool("neighbourhood", "The link graph around a note: the notes within `depth` links of it, either way, and the links between them.", [
                "id": string("The note at the centre."),
                "depth": integer("How many links away to go (default 1).", neighbourhoodDepth),
            ], required: ["id"]),
            tool("note_history", "A note's revisions, newest first: the commits that added, changed or renamed it, with author, date, subject and lines added and removed.", [
                "id": string("The note's id."),
                "limit": integer("How many revisions to return (default all).", historyLimit),
            ], required: ["id"]),
            tool("note_at_revision", "A note's Markdown as it was at a commit (a hash, branch, tag or expression like HEAD~3), as its history page shows it." + gitOnly, [
                "id": string("The note's id (as published now)."),
                "commit": string("The commit to read the note at."),
            ], required: ["id", "commit"]),
            tool("diff", "The unified diff of a note's Markdown (after its front matter) between two commits, or between a commit and what is published now, with whether its front matter changed too." + gitOnly, [
                "id": string("The note's id (as published now)."),
                "from": string("The older commit."),
                "to": string("The newer commit (default: what is published now)."),
            ], required: ["id", "from"]),
            tool("changes_since", "What changed in the published notes since a commit an agent has seen (the one this server's instructions name): the notes added, changed, renamed and removed, so that a mirror fetches only those. A note made private is not named: drop from your copy the ids that list_notes no longer gives." + (gitMode ? "" : " From a bundle this uses its list of latest commits, which names the notes added and changed but not those renamed or removed."), [
                "commit": string("The commit the agent's copy was made from."),
            ], required: ["commit"]),
        ]
    }

    private static func tool(_ name: String, _ description: String, _ properties: [String: Value], required: [String] = []) -> Tool {
        Tool(name: name, description: description, inputSchema: .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(required.map(Value.string)),
            "additionalProperties": .bool(false),
        ]), annotations: .init(readOnlyHint: true, openWorldHint: false))
    }

    private static func string(_ description: String) -> Value {
        .object(["type": .string("string"), "minLength": .int(1), "description": .string(description)])
    }

    private static func integer(_ description: String, _ range: ClosedRange<Int>) -> Value {
        .object(["type": .string("integer"), "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound),
                 "description": .string(description)])
    }
}
