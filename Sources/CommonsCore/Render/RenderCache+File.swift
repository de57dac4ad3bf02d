import CommonsMarkdown

/// The render cache as a file of the build's `CacheStore`, so that a build of the next commit renders
/// only the notes that changed. It holds the digest of the environment its renderings were made in,
/// then each note's rendering with the digests it depends on, in binary records. It is made for one
/// executable, as the page memo is; a file that does not read whole is ignored, never half-trusted.
extension RenderCache {
    static let fileName = "renders.cache"
    static let format = "commons renders 3"

    private static func file(in store: CacheStore) -> CacheFile {
        store.file(fileName, header: [format, PageMemo.executableIdentity])
    }

    /// The cache the last build left; an empty one when there is none. Its renderings are read only
    /// when a build's environment is the one they were made in (see `prepare`).
    static func load(from store: CacheStore) -> RenderCache {
        guard let body = file(in: store).body() else { return RenderCache() }
        var reader = BinaryReader(body)
        guard let environment = try? reader.raw() else { return RenderCache() }
        return RenderCache(environmentDigest: Array(environment), unread: reader)
    }

    /// The entries `reader` holds, after the environment; none when it does not read whole.
    static func entries(_ reader: BinaryReader) -> [NoteID: Entry] {
        var reader = reader
        guard let entries = try? reader.array({ try $0.entry() }), reader.isAtEnd else { return [:] }
        return Dictionary(entries.map { ($0.rendering.rendered.note.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes the cache for the next build, when this one changed it.
    func save(to store: CacheStore) {
        guard changed, let environmentDigest else { return }
        var writer = BinaryWriter()
        writer.write(raw: environmentDigest)
        writer.write(entries.values.sorted { $0.rendering.rendered.note.id < $1.rendering.rendered.note.id }) { $0.write(entry: $1) }
        Self.file(in: store).write(body: writer.bytes)
    }
}

/// The placeholder a loaded rendering stands on until `reuse` gives it the current note, which has
/// the same digest: only the id is read from it.
private func placeholder(_ id: NoteID) -> Note {
    Note(id: id, sourcePath: "", frontMatter: .empty, frontMatterIsReadable: true, body: "", bodyLineOffset: 0)
}

extension BinaryWriter {
    fileprivate mutating func write(entry: RenderCache.Entry) {
        let rendering = entry.rendering, note = rendering.rendered
        write(note.note.id.path)
        write(raw: entry.digest.bytes)
        write(entry.embedded.sorted { $0.key < $1.key }) { writer, embedded in
            writer.write(embedded.key.path)
            writer.write(raw: embedded.value.bytes)
        }
        write(note.pagePath)
        write(note.title)
        write(note.description)
        write(note.html)
        write(note.headings) { $0.write(heading: $1) }
        write(note.blockIDs) { $0.write($1) }
        write(note.tags) { $0.write($1) }
        write(note.bodyHasTitle)
        write(note.usesMath)
        write(rendering.usedAttachments) { $0.write($1) }
        var previousContext: String?
        write(rendering.links) { writer, link in
            writer.write(link.source.path)
            writer.write(link.target.path)
            writer.write(link.fragment)
            writer.write(link.text)
            writer.write(link.isEmbed)
            writer.write(link.context, after: &previousContext)
            writer.write(link.line)
            writer.write(link.column)
        }
        write(rendering.unresolved) { $0.write($1) }
        write(rendering.diagnostics) { writer, diagnostic in
            writer.write(diagnostic.path)
            writer.write(diagnostic.line)
            writer.write(diagnostic.column)
            writer.write(diagnostic.message)
            writer.write(diagnostic.rule.rawValue)
        }
        write(rendering.embedded) { $0.write($1.path) }
    }

    mutating func write(heading: RenderedMarkdown.Heading) {
        write(heading.level)
        write(heading.text)
        write(heading.line)
        write(heading.anchor)
    }
}

extension BinaryReader {
    fileprivate mutating func entry() throws -> RenderCache.Entry {
        let id = NoteID(path: try string())
        let digest = NoteDigest(bytes: Array(try raw()))
        let embedded = try array { reader in (NoteID(path: try reader.string()), NoteDigest(bytes: Array(try reader.raw()))) }
        let rendered = RenderedNote(
            note: placeholder(id), pagePath: try string(), title: try string(), description: try optionalString(), html: try string(),
            headings: try array { try $0.heading() },
            blockIDs: try array { try $0.string() }, tags: try array { try $0.string() },
            bodyHasTitle: try bool(), usesMath: try bool())
        var previousContext: String?
        let rendering = RenderCache.Rendering(
            rendered: rendered,
            usedAttachments: try array { try $0.string() },
            links: try array { reader in
                let (source, target, fragment) = (NoteID(path: try reader.string()), NoteID(path: try reader.string()), try reader.optionalString())
                let (text, isEmbed) = (try reader.string(), try reader.bool())
                let context = try reader.string(after: &previousContext)
                return NoteLink(source: source, target: target, fragment: fragment, text: text, isEmbed: isEmbed, context: context,
                                line: try reader.int(), column: try reader.int())
            },
            unresolved: try array { try $0.string() },
            diagnostics: try array { reader in
                let path = try reader.string(), line = try reader.optionalInt(), column = try reader.optionalInt(), message = try reader.string()
                guard let rule = Rule(rawValue: try reader.string()) else { throw Malformed() }
                return Diagnostic(path: path, line: line, column: column, message: message, rule: rule)
            },
            embedded: try array { NoteID(path: try $0.string()) })
        return RenderCache.Entry(rendering: rendering, digest: digest, embedded: Dictionary(embedded, uniquingKeysWith: { first, _ in first }))
    }

    mutating func heading() throws -> RenderedMarkdown.Heading {
        RenderedMarkdown.Heading(level: try int(), text: try string(), line: try int(), anchor: try string())
    }
}
