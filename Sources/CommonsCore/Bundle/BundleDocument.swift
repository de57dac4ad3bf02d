/// The context bundle's parts, as `commons.schema.json` describes them. Plain values, encoded with
/// sorted keys so that the same commit gives the same bytes.
struct BundleDocument: Sendable {
    var provenance: Provenance
    var notes: [Note]
    var unresolved: [Unresolved]
    var commits: [Commit]

    struct Provenance: Encodable, Sendable {
        let schemaVersion: Int
        let generator: String
        /// The build commit's full hash; nil when the working tree was built.
        let commit: String?
        /// The build commit's author date, never the time of the build.
        let commitDate: String?
        let repositoryURL: String?
        let baseURL: String?
        let title: String
        let tokenEstimate: String
        /// Set when `commons bundle` kept only part of the commons.
        var selection: Selection?
    }

    struct Selection: Encodable, Sendable {
        /// The `--notes` filters, as given.
        let notes: [String]
        let maxTokens: Int?
        /// The notes left out to stay within `maxTokens`, least connected first.
        let trimmed: [String]
    }

    struct Note: Encodable, Sendable {
        let id: String
        let path: String
        let url: String
        let title: String
        let aliases: [String]
        let tags: [String]
        let frontMatter: FrontMatterJSON
        let created: Moment?
        let updated: Moment?
        let authors: [Author]
        let revisions: Int
        let historyTruncated: Bool
        let markdown: String
        let text: String
        let headings: [Heading]
        let sections: [Section]
        var links: [Link]
        var backlinks: [Backlink]
        let history: [Revision]
    }

    struct Moment: Encodable, Sendable {
        let commit: String
        let date: String
    }

    struct Author: Encodable, Sendable {
        let name: String
        let revisions: Int
    }

    struct Heading: Encodable, Sendable {
        let level: Int
        let text: String
        let anchor: String
    }

    struct Section: Encodable, Sendable {
        /// nil for the part before the first heading.
        let anchor: String?
        let heading: String?
        let text: String
        let tokens: Int
    }

    struct Link: Encodable, Sendable {
        let target: String
        let anchor: String?
        let text: String
        let embed: Bool
    }

    struct Backlink: Encodable, Sendable {
        let source: String
        let context: String
    }

    struct Revision: Encodable, Sendable {
        let commit: String
        let date: String
        let author: String
        let subject: String
        let kind: String
        let previousPath: String?
        let added: Int
        let removed: Int
    }

    struct Unresolved: Encodable, Sendable {
        let target: String
        var sources: [String]
    }

    struct Commit: Encodable, Sendable {
        let commit: String
        let date: String
        let author: String
        let subject: String
        var notes: [String]
    }
}

/// Front matter as JSON, its keys sorted like every other object of the bundle.
struct FrontMatterJSON: Encodable, Sendable {
    let value: FrontMatterValue

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let bool):
            var container = encoder.singleValueContainer()
            try container.encode(bool)
        case .int(let int):
            var container = encoder.singleValueContainer()
            try container.encode(int)
        case .double(let double):
            var container = encoder.singleValueContainer()
            try container.encode(double.isFinite ? double : 0)
        case .string(let string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case .list(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(FrontMatterJSON(value: item)) }
        case .mapping(let entries):
            var container = encoder.container(keyedBy: Key.self)
            for entry in entries { try container.encode(FrontMatterJSON(value: entry.value), forKey: Key(entry.key)) }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
