/// The context bundle as `commons.json` holds it, format 2: every fact once. The Markdown is there
/// once; sections and links are offsets into it; a note's history is rows that name commits of one
/// table; what can be derived (plain text, tags and aliases, link texts, backlinks and their
/// contexts, dates and authors of a note) is left out, and `BundleDocument(expanding:)` derives it. Empty values are
/// left out too. `commons.schema.json` describes it for other readers.
public struct BundleFile: Codable, Sendable, Equatable {
    public var provenance: BundleDocument.Provenance
    public var notes: [Note]
    /// Every commit some note's history names, newest first.
    public var commits: [Commit]

    public struct Note: Codable, Sendable, Equatable {
        public let id: String
        public let path: String
        public let title: String
        public let frontMatter: FrontMatterJSON
        public let markdown: String
        public let sections: [SectionSpan]
        public let links: [PlacedLink]
        /// The link targets the note's page shows as unresolved.
        public let unresolved: [String]
        public let history: [Row]
        public let historyTruncated: Bool

        enum CodingKeys: String, CodingKey {
            case id, path, title, frontMatter, markdown, sections, links, unresolved, history, historyTruncated
        }

        init(id: String, path: String, title: String, frontMatter: FrontMatterJSON, markdown: String,
             sections: [SectionSpan], links: [PlacedLink], unresolved: [String], history: [Row], historyTruncated: Bool) {
            (self.id, self.path, self.title, self.frontMatter) = (id, path, title, frontMatter)
            (self.markdown, self.sections, self.links, self.unresolved, self.history, self.historyTruncated)
                = (markdown, sections, links, unresolved, history, historyTruncated)
        }

        public init(from decoder: any Decoder) throws {
            let object = try decoder.container(keyedBy: CodingKeys.self)
            id = try object.decode(String.self, forKey: .id)
            path = try object.decode(String.self, forKey: .path)
            title = try object.decode(String.self, forKey: .title)
            frontMatter = try object.decodeIfPresent(FrontMatterJSON.self, forKey: .frontMatter) ?? FrontMatterJSON(value: .mapping([]))
            markdown = try object.decode(String.self, forKey: .markdown)
            sections = try object.decodeIfPresent([SectionSpan].self, forKey: .sections) ?? []
            links = try object.decodeIfPresent([PlacedLink].self, forKey: .links) ?? []
            unresolved = try object.decodeIfPresent([String].self, forKey: .unresolved) ?? []
            history = try object.decodeIfPresent([Row].self, forKey: .history) ?? []
            historyTruncated = try object.decodeIfPresent(Bool.self, forKey: .historyTruncated) ?? false
        }

        /// Empty lists, empty front matter and `false` are left out.
        public func encode(to encoder: any Encoder) throws {
            var object = encoder.container(keyedBy: CodingKeys.self)
            try object.encode(id, forKey: .id)
            try object.encode(path, forKey: .path)
            try object.encode(title, forKey: .title)
            if frontMatter.value != .mapping([]) { try object.encode(frontMatter, forKey: .frontMatter) }
            try object.encode(markdown, forKey: .markdown)
            if !sections.isEmpty { try object.encode(sections, forKey: .sections) }
            if !links.isEmpty { try object.encode(links, forKey: .links) }
            if !unresolved.isEmpty { try object.encode(unresolved, forKey: .unresolved) }
            if !history.isEmpty { try object.encode(history, forKey: .history) }
            if historyTruncated { try object.encode(true, forKey: .historyTruncated) }
        }
    }

    /// `[start, end, anchor]`: a section's place in the Markdown, in Unicode scalars, from its heading
    /// line to its last line that holds anything; the part before the first heading has no anchor.
    public struct SectionSpan: Codable, Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let anchor: String?

        public init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            start = try row.decode(Int.self)
            end = try row.decode(Int.self)
            anchor = row.isAtEnd ? nil : try row.decode(String.self)
        }

        init(start: Int, end: Int, anchor: String?) {
            (self.start, self.end, self.anchor) = (start, end, anchor)
        }

        public func encode(to encoder: any Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(start)
            try row.encode(end)
            if let anchor { try row.encode(anchor) }
        }
    }

    /// `[offset, target]`: a link to the note `target` starting at `offset` of the Markdown, in
    /// Unicode scalars (at `[[`, `![[`, or a Markdown link's `[`).
    public struct PlacedLink: Codable, Sendable, Equatable {
        public let offset: Int
        public let target: String

        public init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            offset = try row.decode(Int.self)
            target = try row.decode(String.self)
        }

        init(offset: Int, target: String) {
            (self.offset, self.target) = (offset, target)
        }

        public func encode(to encoder: any Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(offset)
            try row.encode(target)
        }
    }

    /// `[commit, kind, added, removed, previousPath]`, newest first: `commit` is the first
    /// `provenance.commitPrefix` digits of a hash of the commit table; `kind` is git's letter for the
    /// change (`A`, `M`, `R`); `added` and `removed` count
    /// lines of what may be shown, null for a version not published; `previousPath` is only there
    /// for a rename from a path that was published.
    public struct Row: Codable, Sendable, Equatable {
        public let commit: String
        /// `A`, `M` or `R`.
        public let kind: String
        public let added: Int?
        public let removed: Int?
        public let previousPath: String?

        init(commit: String, kind: String, added: Int?, removed: Int?, previousPath: String?) {
            (self.commit, self.kind, self.added, self.removed, self.previousPath) = (commit, kind, added, removed, previousPath)
        }

        public init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            commit = try row.decode(String.self)
            kind = try row.decode(String.self)
            added = try row.decodeNil() ? nil : try row.decode(Int.self)
            removed = try row.decodeNil() ? nil : try row.decode(Int.self)
            previousPath = row.isAtEnd ? nil : try row.decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(commit)
            try row.encode(kind)
            if let added { try row.encode(added) } else { try row.encodeNil() }
            if let removed { try row.encode(removed) } else { try row.encodeNil() }
            if let previousPath { try row.encode(previousPath) }
        }

        /// The letters git gives the kinds of change a history has, by the names `FileChange.Kind` gives them.
        static let letters = ["added": "A", "modified": "M", "renamed": "R", "deleted": "D"]
        static let kinds = Dictionary(uniqueKeysWithValues: letters.map { ($1, $0) })
    }

    /// `[hash, date, author, subject]`: the full hash, the author date (RFC 3339, in the author's
    /// offset), the author's name and the subject line.
    public struct Commit: Codable, Sendable, Equatable {
        public let hash: String
        public let date: String
        public let author: String
        public let subject: String

        init(hash: String, date: String, author: String, subject: String) {
            (self.hash, self.date, self.author, self.subject) = (hash, date, author, subject)
        }

        public init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            hash = try row.decode(String.self)
            date = try row.decode(String.self)
            author = try row.decode(String.self)
            subject = try row.decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var row = encoder.unkeyedContainer()
            try row.encode(hash)
            try row.encode(date)
            try row.encode(author)
            try row.encode(subject)
        }
    }
}
