/// Every tag of the published notes, from front matter and from `#tags` in the text, computed once.
/// Tags compare without regard to case, as in Obsidian; the first spelling seen is the one shown.
public struct TagIndex: Sendable {
    public struct Tag: Sendable {
        public let name: String
        /// The tag page's path from the site root, ending in `/`.
        public let pagePath: String
        /// Notes with this tag or one nested below it (`#a` lists notes tagged `#a/b`), in path order.
        public let notes: [NoteID]
    }

    /// In name order.
    public let tags: [Tag]

    /// The folder at the top of the site that holds the tag pages.
    static let folder = "tags"

    /// The path of a tag's page: `tags/` and the tag's segments made into slugs.
    static func pagePath(of tag: String) -> String {
        folder + "/" + tag.split(separator: "/").map { Slug.slugify(String($0)) }.joined(separator: "/") + "/"
    }

    /// A relative href from the page at `pagePath` to a tag's page; tags compare without regard to case.
    static func href(to tag: String, fromPage pagePath: String) -> String {
        SitePath.href(to: Self.pagePath(of: tag.lowercased()), fromPage: pagePath)
    }

    /// A tag as written in front matter or text, without `#` and surrounding space.
    static func normalise(_ tag: String) -> String {
        var tag = tag.trimmed
        while tag.hasPrefix("#") { tag.removeFirst() }
        return tag
    }

    /// What the index is made from: each note's id and tags, in path order.
    struct Inputs: Equatable {
        let ids: [NoteID]
        let tags: [[String]]

        init(_ notes: [RenderedNote]) {
            ids = notes.map(\.note.id)
            tags = notes.map(\.tags)
        }
    }

    /// `notes` in path order, as every stage keeps them; each tag lists its notes in that order.
    init(_ notes: [RenderedNote]) {
        var spelling: [String: String] = [:]
        var tagged: [String: [Int]] = [:]
        for (position, note) in notes.enumerated() {
            for tag in note.tags {
                let key = tag.lowercased()
                if spelling[key] == nil { spelling[key] = tag }
                guard key.utf8.contains(UInt8(ascii: "/")) else {
                    if tagged[key]?.last != position { tagged[key, default: []].append(position) }
                    continue
                }
                // A nested tag also files the note under each parent: `a/b/c` under `a` and `a/b`.
                let segments = key.split(separator: "/")
                for depth in 1...segments.count {
                    let parent = segments.prefix(depth).joined(separator: "/")
                    if tagged[parent]?.last != position { tagged[parent, default: []].append(position) }
                    if spelling[parent] == nil { spelling[parent] = tag.split(separator: "/").prefix(depth).joined(separator: "/") }
                }
            }
        }
        tags = tagged.keys.sorted { $0.precedesInBytes($1) }.map { key in
            Tag(name: spelling[key] ?? key, pagePath: Self.pagePath(of: key), notes: tagged[key]!.map { notes[$0].note.id })
        }
    }
}
