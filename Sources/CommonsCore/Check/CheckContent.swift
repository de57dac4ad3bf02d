import Foundation

/// Stage: every problem of the content in one list, in file order: what the other stages found, and
/// the checks that only report. `commons check` and the build's summary both come from here, so
/// they never disagree.
enum CheckContent {
    /// `found` holds what was learnt outside the stages, such as attachments that are LFS pointers.
    static func run(_ commons: PublishedCommons, found: [Diagnostic], enabled: Set<Rule> = []) -> [Diagnostic] {
        var diagnostics = commons.diagnostics + found + commons.source.caches.diagnostics
            + AttachmentClashes.diagnostics(Array(commons.rendered.usedAttachments), repositoryPath: commons.source.snapshot.repositoryPath)
        for note in commons.rendered.notes {
            diagnostics += untitled(note) + empty(note)
        }
        if enabled.contains(.orphanNote) {
            diagnostics += orphans(commons.rendered.notes, graph: commons.graph)
        }
        if commons.source.repository.isShallow {
            diagnostics.append(Diagnostic(path: ".", message: "the repository is a shallow clone: note histories stop at its oldest commit (clone with full history, e.g. fetch-depth: 0)", rule: .shallowHistory))
        }
        if commons.settings.baseURL == nil {
            diagnostics.append(Diagnostic(path: ConfigFile.name, message: "no base URL (base_url or --base-url): sitemap.xml and canonical links are left out, and the bundle's URLs are relative", rule: .baseURL))
        }
        return diagnostics.sorted(by: inFileOrder)
    }

    /// A note titled by Obsidian's name for a new note. An empty `title:` is not one: it is how
    /// Obsidian leaves a property blank, and the page is titled after the file, as Obsidian titles it.
    private static func untitled(_ note: RenderedNote) -> [Diagnostic] {
        // The title first: it rules out nearly every note at the cost of comparing a few letters.
        guard note.title.hasPrefix("Untitled"), note.title.wholeMatch(of: /Untitled( \d+)?/) != nil else { return [] }
        guard note.note.frontMatter.title == nil, !note.headings.contains(where: { $0.level == 1 }) else { return [] }
        return [Diagnostic(path: note.note.sourcePath, message: "the note has no title but its file's placeholder name '\(note.title)': add a title or rename the file",
                           rule: .missingTitle)]
    }

    /// A note with nothing besides its front matter and a title heading.
    private static func empty(_ note: RenderedNote) -> [Diagnostic] {
        guard isEmpty(note.note.body) else { return [] }
        return [Diagnostic(path: note.note.sourcePath, message: "the note is empty: its page will show only its title", rule: .emptyNote)]
    }

    /// Whether `body` is whitespace, with perhaps a `# ` title line. Read by byte while the text is
    /// ASCII, which settles nearly every note at its first word; by `Character` otherwise.
    static func isEmpty(_ body: String) -> Bool {
        var text = body
        let settled: Bool? = text.withUTF8 { bytes in
            func pastSpace(_ start: Int) -> Int {
                var index = start
                while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
                return index
            }
            var index = pastSpace(0)
            if bytes[index...].starts(with: "# ".utf8), index + 2 == bytes.count || bytes[index + 2] < 0x80 {
                // "\n" never joins another character, so the title line ends at the first "\n" byte.
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return true }
                index = pastSpace(end)
            }
            guard index < bytes.count else { return true }
            // A character that starts with an ASCII byte is that byte's: whitespace or not as it is.
            return bytes[index] < 0x80 && bytes[index] != UInt8(ascii: "#") ? false : nil
        }
        return settled ?? isEmptyByCharacter(body)
    }

    /// The same, by `Character`, for text the byte reading cannot settle.
    static func isEmptyByCharacter(_ body: String) -> Bool {
        // Looked at only up to the first word past the title, which most notes have at once.
        var body = body.drop(while: \.isWhitespace)
        if body.hasPrefix("# ") { body = body.drop { $0 != "\n" && $0 != "\r\n" } }
        return body.allSatisfy(\.isWhitespace)
    }

    /// Notes no other note links to and that link to no other note: in the site, only lists reach them.
    private static func orphans(_ notes: [RenderedNote], graph: LinkGraph) -> [Diagnostic] {
        notes.filter { note in
            let id = note.note.id
            return (graph.backlinks[id] ?? []).isEmpty && !(graph.outgoing[id] ?? []).contains { $0.target != id }
        }.map { note in
            Diagnostic(path: note.note.sourcePath, message: "no other note links to this one, and it links to none", rule: .orphanNote)
        }
    }

    /// By path (as bytes, so the order is the same everywhere), then position, then rule.
    private static func inFileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path.precedesInBytes(rhs.path) }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if lhs.column != rhs.column { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message.precedesInBytes(rhs.message)
    }
}
