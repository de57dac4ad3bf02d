import CommonsMarkdown

/// What the bundle read of each note's published Markdown (`PublishedBody`), kept by a digest of the
/// Markdown: it depends on the Markdown alone, and reading every note again was a seventh of the
/// build of a commit that changed one note, at 10,000 notes.
extension PublishedBody: DigestCacheable {
    static func cache() -> DigestCache<PublishedBody> {
        DigestCache(fileName: "bodies.cache", format: "commons bodies 1")
    }

    /// The reading of `markdown` in `cache`, made now unless an earlier build made it.
    static func of(_ markdown: String, in cache: DigestCache<PublishedBody>) -> PublishedBody {
        cache.value(for: DigestCache<PublishedBody>.key(Array(markdown.utf8)), input: markdown) { PublishedBody(markdown) }
    }

    /// The reading `write(into:)` wrote of `markdown`; the parts' text is cut from the Markdown again.
    init(reading reader: inout BinaryReader, for markdown: String) throws {
        let headings = try reader.array { try $0.heading() }
        let openingHeading = try reader.optionalString()
        let tags = try reader.array { try $0.string() }
        let sections = try reader.array { reader in
            RenderedMarkdown.Section(heading: try reader.bool() ? try reader.heading() : nil, text: try reader.string())
        }
        let starts = Self.scalarStarts(markdown)
        let utf8 = markdown.utf8
        let parts = try reader.array { reader -> MarkdownSections.Part in
            let anchor = try reader.optionalString()
            let heading = try reader.optionalString()
            let start = try reader.int()
            let end = try reader.int()
            guard 0 <= start, start <= end, end < starts.count else { throw BinaryReader.Malformed() }
            let from = utf8.index(utf8.startIndex, offsetBy: starts[start]), to = utf8.index(utf8.startIndex, offsetBy: starts[end])
            return MarkdownSections.Part(anchor: anchor, heading: heading, range: start..<end, markdown: String(Substring(utf8[from..<to])))
        }
        var previousContext: String?
        let links = try reader.array { reader -> Link in
            let offset = try reader.int()
            let context = try reader.string(after: &previousContext)
            let written: Written = try reader.bool()
                ? .wikilink(WrittenWikilink(target: try reader.string(), fragment: try reader.optionalString(),
                                            text: try reader.string(), isEmbed: try reader.bool()))
                : .destination(try reader.string())
            return Link(offset: offset, written: written, context: context)
        }
        self.init(headings: headings, openingHeading: openingHeading, tags: tags, sections: sections, parts: parts, links: links)
    }

    /// The UTF-8 offset of each Unicode scalar of `text`, then of its end: the parts' ranges count
    /// scalars, and cutting them from an array of the scalars was most of reading a body back.
    static func scalarStarts(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var starts: [Int] = []
            starts.reserveCapacity(bytes.count + 1)
            // A scalar starts at every byte but UTF-8's continuation bytes, 0b10xxxxxx.
            for offset in bytes.indices where bytes[offset] & 0xC0 != 0x80 { starts.append(offset) }
            starts.append(bytes.count)
            return starts
        }
    }

    func write(into writer: inout BinaryWriter) {
        writer.write(headings) { $0.write(heading: $1) }
        writer.write(openingHeading)
        writer.write(tags) { $0.write($1) }
        writer.write(sections) { writer, section in
            writer.write(section.heading != nil)
            if let heading = section.heading { writer.write(heading: heading) }
            writer.write(section.text)
        }
        writer.write(parts) { writer, part in
            writer.write(part.anchor)
            writer.write(part.heading)
            writer.write(part.range.lowerBound)
            writer.write(part.range.upperBound)
        }
        var previousContext: String?
        writer.write(links) { writer, link in
            writer.write(link.offset)
            writer.write(link.context, after: &previousContext)
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
