/// A front-matter value as the author wrote it, keeping the key order of mappings.
public indirect enum FrontMatterValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([FrontMatterValue])
    case mapping([Entry])

    public struct Entry: Hashable, Sendable {
        public let key: String
        public let value: FrontMatterValue
    }

    /// The value as text, for keys that want one string (a number or date written bare counts).
    public var text: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool, .null, .list, .mapping: nil
        }
    }

    /// The number of items of a list that hold a value (`- ` alone holds none); 1 for anything else.
    var nonNullCount: Int {
        if case .list(let items) = self { return items.filter { $0 != .null }.count }
        return 1
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// A list of strings; a single string counts as a one-element list, as Obsidian reads `tags: a`.
    public var strings: [String]? {
        switch self {
        case .list(let items): items.compactMap(\.text)
        case .string(let value): [value]
        default: nil
        }
    }
}
