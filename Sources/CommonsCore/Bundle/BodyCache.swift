import CommonsMarkdown
import Crypto
import Foundation

/// What reading each note's published Markdown gave (`PublishedBody`), kept for the next build: the
/// bundle reads every note's Markdown again to place its links and sections, which at 10,000 notes
/// was a seventh of the build of a commit that changed one note. A reading depends on the Markdown
/// alone, so it is kept by a digest of the Markdown's bytes; `serve` keeps the cache in memory
/// between rebuilds, a build in its `CacheStore` (`bodies.cache`).
final class BodyCache: @unchecked Sendable {
    // @unchecked: both dictionaries are read and written under `lock`.
    static let fileName = "bodies.cache"
    static let format = "commons bodies 1"

    private let lock = NSLock()
    /// The readings the last build made: as read from the file, each decoded when first asked for,
    /// since a reading's parts are cut from the Markdown, which the file does not hold again.
    private var earlier: [[UInt8]: Kept]
    /// The readings this build asked for: the ones the next build will find.
    private var used: [[UInt8]: PublishedBody] = [:]
    /// How many readings were made rather than kept, since the cache was made.
    private(set) var made = 0

    private enum Kept {
        case read(PublishedBody)
        case written(ArraySlice<UInt8>)
    }

    private init(earlier: [[UInt8]: Kept] = [:]) {
        self.earlier = earlier
    }

    convenience init() {
        self.init(earlier: [:])
    }

    /// The reading of `markdown`, made now unless an earlier build made it.
    func body(of markdown: String) -> PublishedBody {
        let key = Array(SHA256.hash(data: Array(markdown.utf8)))
        let kept = lock.withLock { used[key].map(Kept.read) ?? earlier[key] }
        var body: PublishedBody?
        switch kept {
        case .read(let read): body = read
        case .written(let bytes):
            var reader = BinaryReader(Array(bytes))
            // A reading that does not decode whole is made again, never trusted.
            body = (try? PublishedBody(markdown: markdown, reading: &reader)).flatMap { reader.isAtEnd ? $0 : nil }
        case nil: break
        }
        let wasKept = body != nil
        let reading = body ?? PublishedBody(markdown)
        lock.withLock {
            used[key] = reading
            if !wasKept { made += 1 }
        }
        return reading
    }

    /// Makes what this build asked for the earlier readings of the next one, as `serve` rebuilds.
    func endBuild() {
        lock.withLock {
            earlier = used.mapValues(Kept.read)
            used = [:]
        }
    }

    private static func file(in store: CacheStore) -> CacheFile {
        store.file(fileName, header: [format, PageMemo.executableIdentity])
    }

    /// What the last build left in `store`; an empty cache when there is none, or a file that does not
    /// read whole or whose checksum fails: a damaged reading could otherwise read as another one.
    static func load(from store: CacheStore) -> BodyCache {
        guard let body = file(in: store).body() else { return BodyCache() }
        var reader = BinaryReader(body)
        guard let checksum = try? reader.raw(), let entries = try? reader.raw(),
              checksum.elementsEqual(SHA256.hash(data: entries)) else { return BodyCache() }
        var entryReader = BinaryReader(Array(entries))
        guard let kept = try? entryReader.array({ reader in (Array(try reader.raw()), Kept.written(try reader.raw())) }),
              entryReader.isAtEnd, reader.isAtEnd else { return BodyCache() }
        return BodyCache(earlier: Dictionary(kept, uniquingKeysWith: { first, _ in first }))
    }

    /// Keeps this build's readings for the next, unless they are the ones the last build left.
    func save(to store: CacheStore) {
        let entries: [([UInt8], PublishedBody)] = lock.withLock {
            guard Set(used.keys) != Set(earlier.keys) else { return [] }
            return used.map { ($0.key, $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        }
        guard !entries.isEmpty else { return }
        var records = BinaryWriter()
        records.write(entries) { writer, entry in
            writer.write(raw: entry.0)
            var body = BinaryWriter()
            entry.1.write(into: &body)
            writer.write(raw: body.bytes)
        }
        var writer = BinaryWriter()
        writer.write(raw: Array(SHA256.hash(data: records.bytes)))
        writer.write(raw: records.bytes)
        Self.file(in: store).write(body: writer.bytes)
    }
}

extension PublishedBody {
    /// The reading `write(into:)` wrote of `markdown`; the parts' text is cut from the Markdown again.
    init(markdown: String, reading reader: inout BinaryReader) throws {
        func heading(_ reader: inout BinaryReader) throws -> RenderedMarkdown.Heading {
            RenderedMarkdown.Heading(level: try reader.int(), text: try reader.string(), line: try reader.int(), anchor: try reader.string())
        }
        let headings = try reader.array(heading)
        let openingHeading = try reader.optionalString()
        let tags = try reader.array { try $0.string() }
        let sections = try reader.array { reader in
            RenderedMarkdown.Section(heading: try reader.bool() ? try heading(&reader) : nil, text: try reader.string())
        }
        let scalars = Array(markdown.unicodeScalars)
        let parts = try reader.array { reader -> MarkdownSections.Part in
            let anchor = try reader.optionalString()
            let heading = try reader.optionalString()
            let start = try reader.int()
            let end = try reader.int()
            guard 0 <= start, start <= end, end <= scalars.count else { throw BinaryReader.Malformed() }
            return MarkdownSections.Part(anchor: anchor, heading: heading, range: start..<end,
                                         markdown: String(String.UnicodeScalarView(scalars[start..<end])))
        }
        let links = try reader.array { reader -> Link in
            let offset = try reader.int()
            let context = try reader.string()
            let written: Written = try reader.bool()
                ? .wikilink(WrittenWikilink(target: try reader.string(), fragment: try reader.optionalString(),
                                            text: try reader.string(), isEmbed: try reader.bool()))
                : .destination(try reader.string())
            return Link(offset: offset, written: written, context: context)
        }
        self.init(headings: headings, openingHeading: openingHeading, tags: tags, sections: sections, parts: parts, links: links)
    }

    func write(into writer: inout BinaryWriter) {
        func write(_ heading: RenderedMarkdown.Heading, _ writer: inout BinaryWriter) {
            writer.write(heading.level)
            writer.write(heading.text)
            writer.write(heading.line)
            writer.write(heading.anchor)
        }
        writer.write(headings) { write($1, &$0) }
        writer.write(openingHeading)
        writer.write(tags) { $0.write($1) }
        writer.write(sections) { writer, section in
            writer.write(section.heading != nil)
            if let heading = section.heading { write(heading, &writer) }
            writer.write(section.text)
        }
        writer.write(parts) { writer, part in
            writer.write(part.anchor)
            writer.write(part.heading)
            writer.write(part.range.lowerBound)
            writer.write(part.range.upperBound)
        }
        writer.write(links) { writer, link in
            writer.write(link.offset)
            writer.write(link.context)
            switch link.written {
            case .wikilink(let wikilink):
                writer.write(true)
                writer.write(wikilink.target)
                writer.write(wikilink.fragment)
                writer.write(wikilink.text)
                writer.write(wikilink.isEmbed)
            case .destination(let destination):
                writer.write(false)
                writer.write(destination)
            }
        }
    }
}
