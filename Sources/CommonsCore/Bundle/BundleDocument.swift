/// The context bundle with everything derived filled in: what the site's search, `commons mcp` and
/// `commons bundle` work from. It is written as `BundleFile` (format 2), which holds each fact once,
/// and read back by `BundleDocument(expanding:)`, which derives the rest.
public struct BundleDocument: Sendable, Equatable {
    public var provenance: Provenance
    public var notes: [Note]
    public var unresolved: [Unresolved]
    public var commits: [Commit]

    public struct Provenance: Codable, Sendable, Equatable {
        public let schemaVersion: Int
        public let generator: String
        /// The build commit's full hash; nil when the working tree was built.
        public let commit: String?
        /// The build commit's author date, never the time of the build.
        public let commitDate: String?
        public let repositoryURL: String?
        public let baseURL: String?
        public let title: String
        public let tokenEstimate: String
        /// How many hex digits of a commit's hash format 2's history rows give: 12, or more where two
        /// commits would share a prefix.
        public let commitPrefix: Int
        /// Set when `commons bundle` kept only part of the commons.
        public var selection: Selection?
    }

    public struct Selection: Codable, Sendable, Equatable {
        /// The `--notes` filters, as given.
        public let notes: [String]
        public let maxTokens: Int?
        /// The notes left out to stay within `maxTokens`, least preferred first.
        public var trimmed: [String]
        /// The notes cut to their first sections to fit.
        public var shortened: [String]
    }

    public struct Note: Sendable, Equatable {
        public let id: String
        public let path: String
        public let url: String
        public let title: String
        public let aliases: [String]
        public let tags: [String]
        public let frontMatter: FrontMatterJSON
        public let created: Moment?
        public let updated: Moment?
        public let authors: [Author]
        public let revisions: Int
        public let historyTruncated: Bool
        public let markdown: String
        public let text: String
        public let headings: [Heading]
        public let sections: [Section]
        public var links: [Link]
        public var backlinks: [Backlink]
        public let history: [Revision]
        /// Where its links to notes of the bundle, and its sections, are in `markdown`: format 2's record of them.
        var placedLinks: [BundleFile.PlacedLink]
        var sectionSpans: [BundleFile.SectionSpan]
    }

    public struct Moment: Codable, Sendable, Equatable {
        public let commit: String
        public let date: String
    }

    public struct Author: Codable, Sendable, Equatable {
        public let name: String
        public let revisions: Int
    }

    public struct Heading: Codable, Sendable, Equatable {
        public let level: Int
        public let text: String
        public let anchor: String
    }

    public struct Section: Codable, Sendable, Equatable {
        /// nil for the part before the first heading.
        public let anchor: String?
        public let heading: String?
        public let text: String
        public let tokens: Int
    }

    public struct Link: Codable, Sendable, Equatable {
        public let target: String
        public let anchor: String?
        public let text: String
        public let embed: Bool
    }

    public struct Backlink: Codable, Sendable, Equatable {
        public let source: String
        public let context: String
    }

    public struct Revision: Codable, Sendable, Equatable {
        public let commit: String
        public let date: String
        public let author: String
        public let subject: String
        public let kind: String
        public let previousPath: String?
        /// Lines added and removed, counted on what may be shown; nil for a version not published.
        public let added: Int?
        public let removed: Int?
    }

    public struct Unresolved: Codable, Sendable, Equatable {
        public let target: String
        public var sources: [String]
    }

    public struct Commit: Codable, Sendable, Equatable {
        public let commit: String
        public let date: String
        public let author: String
        public let subject: String
        public var notes: [String]
    }
}

/// Front matter as JSON, its keys sorted like every other object of the bundle.
public struct FrontMatterJSON: Codable, Sendable, Equatable {
    public let value: FrontMatterValue

    init(value: FrontMatterValue) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: NamedKey.self) {
            // Sorted as the bundle writes them: a decoder's key order is not defined.
            let keys = object.allKeys.sorted { $0.stringValue.precedesInBytes($1.stringValue) }
            value = .mapping(try keys.map { .init(key: $0.stringValue, value: try object.decode(FrontMatterJSON.self, forKey: $0).value) })
        } else if var list = try? decoder.unkeyedContainer() {
            var items: [FrontMatterValue] = []
            while !list.isAtEnd { items.append(try list.decode(FrontMatterJSON.self).value) }
            value = .list(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let bool = try? single.decode(Bool.self) {
                value = .bool(bool)
            } else if let int = try? single.decode(Int.self) {
                value = .int(int)
            } else if let double = try? single.decode(Double.self) {
                value = .double(double)
            } else {
                value = .string(try single.decode(String.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
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
            var container = encoder.container(keyedBy: NamedKey.self)
            for entry in entries { try container.encode(FrontMatterJSON(value: entry.value), forKey: NamedKey(entry.key)) }
        }
    }
}

/// A key of a JSON object whose names are known only when it is written: front matter's, and the
/// name a tool gives the items of a page.
public struct NamedKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
