import CommonsCore
import Foundation

/// How a list-shaped answer is cut into pages: `limit` items from `cursor`, or, when no limit is given,
/// as many as fit in about `byteBudget` bytes of JSON (at least one), so that an agent's default page
/// of a large commons stays small whatever its items hold. The cursor is the opaque token of the next
/// page, which the answer gives as `nextCursor` while items remain.
struct Paging {
    static let byteBudget = 20_000
    /// The largest page an agent may ask for.
    static let limits = 1...1000

    let limit: Int?
    let start: Int

    init(_ input: ToolArguments, limits: ClosedRange<Int> = Paging.limits) throws(ToolError) {
        limit = try input.integer("limit", in: limits)
        guard let cursor = try input.string("cursor") else {
            start = 0
            return
        }
        guard let offset = Int(cursor), offset >= 0, String(offset) == cursor else {
            throw ToolError("unknown cursor '\(cursor)': give the nextCursor of the previous answer, or none for the first page")
        }
        start = offset
    }

    /// This page of `items`, with the cursor of the next one; an error when the cursor lies past them.
    func page<Item: Encodable>(of items: [Item]) throws -> Page<Item> {
        guard start <= items.count else {
            throw ToolError("unknown cursor '\(start)': the list has \(items.count) items; give the nextCursor of the previous answer")
        }
        var end = start
        if let limit {
            end = min(items.count, start + limit)
        } else {
            let encoder = JSONEncoder()
            var bytes = 0
            while end < items.count {
                bytes += try encoder.encode(items[end]).count + 1
                if bytes > Self.byteBudget && end > start { break }
                end += 1
            }
        }
        return Page(items: Array(items[start..<end]), total: items.count, nextCursor: end < items.count ? String(end) : nil)
    }
}

/// One page of a list, with how long the whole list is.
struct Page<Item: Encodable>: Encodable {
    let items: [Item]
    let total: Int
    let nextCursor: String?
}

/// A page of a list-shaped answer: its items under the name the tool gives them (`notes`, `links`),
/// with the list's length, the next page's cursor, and the id of the note the list is about, if any.
/// `ToolCatalog.Output.paged` is its schema.
struct PagedAnswer<Item: Encodable>: Encodable {
    let key: String
    var id: String?
    let page: Page<Item>

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedKey.self)
        try container.encode(page.items, forKey: NamedKey(key))
        try container.encodeIfPresent(id, forKey: NamedKey("id"))
        try container.encode(page.total, forKey: NamedKey("total"))
        try container.encodeIfPresent(page.nextCursor, forKey: NamedKey("nextCursor"))
    }
}
