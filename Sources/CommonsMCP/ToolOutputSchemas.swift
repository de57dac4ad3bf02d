import MCP

extension ToolCatalog {
    /// The JSON Schemas of the tools' answers (`ToolAnswers`, and the archive's `NoteVersion`,
    /// `NoteVersionDiff` and `NoteChanges`). A field that has no value is left out of an answer, so
    /// only the fields always present are required.
    enum Output {
        static let string: Value = .object(["type": "string"])
        static let integer: Value = .object(["type": "integer"])
        static let boolean: Value = .object(["type": "boolean"])
        static let number: Value = .object(["type": "number"])
        static let strings = array(string)
        /// Front matter as written: any JSON object.
        static let frontMatter: Value = .object(["type": "object"])

        /// An object with `properties`, every one of them required but the `optional` ones.
        static func object(_ properties: [String: Value], optional: Set<String> = []) -> Value {
            .object([
                "type": "object",
                "properties": .object(properties),
                "required": .array(properties.keys.filter { !optional.contains($0) }.sorted().map(Value.string)),
            ])
        }

        static func array(_ items: Value) -> Value {
            .object(["type": "array", "items": items])
        }

        /// A page of a list under `key`, with the list's length and the cursor of the next page.
        static func paged(_ key: String, _ item: Value, id: Bool = false) -> Value {
            var properties = [key: array(item), "total": integer, "nextCursor": string]
            if id { properties["id"] = string }
            return object(properties, optional: ["nextCursor"])
        }

        static let moment = object(["commit": string, "date": string])

        static let search = object([
            "query": string,
            "hits": array(object(["id": string, "title": string, "url": string, "anchor": string, "heading": string,
                                  "snippet": string, "score": number], optional: ["anchor", "heading"])),
            "nextCursor": string,
        ], optional: ["nextCursor"])

        static let link = object(["target": string, "title": string, "anchor": string, "text": string, "embed": boolean],
                                 optional: ["title", "anchor"])
        static let backlink = object(["source": string, "title": string, "context": string], optional: ["title"])

        /// A whole note, or one section of it when `section` was asked for.
        static let note = object([
            "id": string, "title": string, "url": string,
            "path": string, "aliases": strings, "tags": strings, "frontMatter": frontMatter,
            "created": moment, "updated": moment,
            "authors": array(object(["name": string, "revisions": integer])),
            "revisions": integer, "historyTruncated": boolean, "markdown": string,
            "headings": array(object(["level": integer, "text": string, "anchor": string])),
            "links": array(link), "backlinks": array(backlink),
            "section": object(["anchor": string, "heading": string, "markdown": string]),
        ], optional: ["path", "aliases", "tags", "frontMatter", "created", "updated", "authors", "revisions", "historyTruncated",
                      "markdown", "headings", "links", "backlinks", "section"])

        static let listedNote = object(["id": string, "title": string, "path": string, "url": string, "tags": strings, "updated": moment],
                                       optional: ["updated"])

        static let neighbourhood = object([
            "center": string, "depth": integer,
            "nodes": array(object(["id": string, "title": string, "url": string, "depth": integer, "links": strings])),
            "total": integer, "nextCursor": string,
        ], optional: ["nextCursor"])

        static let revision = object(["commit": string, "date": string, "author": string, "subject": string, "kind": string,
                                      "previousPath": string, "added": integer, "removed": integer],
                                     optional: ["previousPath", "added", "removed"])

        static let history = object([
            "id": string, "revisions": integer, "historyTruncated": boolean, "history": array(revision), "nextCursor": string,
        ], optional: ["nextCursor"])

        static let logEntry = object([
            "commit": string, "date": string, "author": string, "subject": string,
            "notes": array(object(["id": string, "kind": string, "previousPath": string], optional: ["previousPath"])),
        ])

        static let version = object(["id": string, "commit": string, "revision": string, "path": string, "frontMatter": frontMatter,
                                     "markdown": string], optional: ["commit", "revision", "path", "frontMatter"])

        static let diff = object(["id": string, "from": string, "to": string, "fromMissing": boolean, "toMissing": boolean,
                                  "frontMatterChanged": boolean, "added": integer, "removed": integer, "diff": string],
                                 optional: ["to"])

        static let changes = object([
            "since": string, "to": string, "added": strings, "changed": strings,
            "renamed": array(object(["from": string, "to": string, "changed": boolean])),
            "removed": strings, "relinked": strings, "incomplete": string,
        ], optional: ["to", "incomplete"])
    }
}
