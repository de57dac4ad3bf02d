import CommonsGit
import CommonsMarkdown
import Foundation

/// Stage: the context bundle, `commons.json`: every published note with its Markdown, sections, links
/// and history, for an agent to read, written in format 2 (`BundleFile`). Made only of what the pages
/// show (published notes, their filtered Markdown, the graph and histories computed from them), so it
/// can hold nothing the site withholds.
enum ContextBundle {
    static let schemaVersion = 2
    static let fileName = "commons.json"
    /// How many of the latest commits the bundle lists, so that a mirror knows which notes to fetch again.
    static let commitLimit = 100

    /// `bodies` holds each note's Markdown as it may be published; `revisionTexts`, what may be shown
    /// of each of its versions, whose line counts the bundle gives as the history page does.
    static func document(_ commons: PublishedCommons, history: History, revisionTexts: [NoteID: [RevisionText]], bodies: [NoteID: String]) -> BundleDocument {
        let notes = commons.rendered.notes
        let ids = Dictionary(uniqueKeysWithValues: notes.map { ($0.note.id, bundleID(pagePath: $0.pagePath)) })
        let settings = commons.settings
        let recent = RecentChange.latest(history, limit: commitLimit)
        let commit = RecentChange.shownCommit(built: commons.source.snapshot.commit, latest: recent.first, history: history)
        let provenance = BundleDocument.Provenance(
            schemaVersion: schemaVersion,
            generator: "commons \(CommonsVersion.current)",
            commit: commit?.id.hex,
            commitDate: commit.map { DateText.timestamp($0.author) },
            repositoryURL: settings.repoURL,
            baseURL: settings.baseURL,
            title: settings.title,
            tokenEstimate: TokenEstimate.method,
            commitPrefix: BundleFile.commitPrefix(Set(history.notes.values.flatMap { $0.revisions.map(\.commit.hex) }))
        )
        let sorted = notes.sorted { byteOrder(ids[$0.note.id]!, ids[$1.note.id]!) }
        let publicMarkdown = commons.publicMarkdown
        // Each note's published Markdown read again, to place its links and sections in it; read
        // only when it changed since the last build.
        let placed = commons.reusing(\.bodies) { readings in
            Lanes.map(sorted, lane: {}) { _, note in
                let body = PublishedBody.of(bodies[note.note.id]!, in: readings)
                let links = body.links.compactMap { link in
                    publicMarkdown.note(linkedBy: link.written, from: note.note.id).flatMap { ids[$0] }.map { BundleFile.PlacedLink(offset: link.offset, target: $0) }
                }
                return (body, links.sorted { $0.offset < $1.offset })
            }
        }
        let entries = zip(sorted, placed).map { note, placed in
            self.note(note, ids: ids, commons: commons, history: history, revisionTexts: revisionTexts, bodies: bodies,
                      body: placed.0, placedLinks: placed.1)
        }
        let unresolved = commons.graph.wanted.keys.sorted(by: byteOrder).map { target in
            BundleDocument.Unresolved(target: target, sources: Set(commons.graph.wanted[target]!.compactMap { ids[$0] }).sorted(by: byteOrder))
        }
        let commits = recent.map { change in
            BundleDocument.Commit(commit: change.commit.hex, date: DateText.timestamp(change.author), author: change.author.name,
                                  subject: change.subject, notes: change.notes.compactMap { ids[$0] }.sorted(by: byteOrder))
        }
        return BundleDocument(provenance: provenance, notes: entries, unresolved: unresolved, commits: commits)
    }

    /// Strings that Unicode holds equal (NFC and NFD) still sort apart, so the order never depends on
    /// which one came first.
    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.precedesInBytes(rhs)
    }

    /// A note's id in the bundle: its page's path without the closing `/`, `index` for the home page.
    static func bundleID(pagePath: String) -> String {
        pagePath.isEmpty ? "index" : String(pagePath.dropLast())
    }

    private static func note(_ rendered: RenderedNote, ids: [NoteID: String], commons: PublishedCommons, history: History,
                             revisionTexts: [NoteID: [RevisionText]], bodies: [NoteID: String],
                             body: PublishedBody, placedLinks: [BundleFile.PlacedLink]) -> BundleDocument.Note {
        let id = rendered.note.id
        let noteHistory = history.notes[id]
        let texts = revisionTexts[id] ?? []
        let moment = { (revision: Revision) in BundleDocument.Moment(commit: revision.commit.hex, date: DateText.timestamp(revision.author)) }
        // Headings and text are read from the Markdown the bundle publishes, as a reader of the bundle
        // reads them: the page's render is of the note as written, before what it may not show is dropped.
        let sections = body.sections.map { section in
            BundleDocument.Section(anchor: section.heading?.anchor, heading: section.heading?.text, text: section.text,
                                   tokens: TokenEstimate.of(section.text))
        }
        let text = plainText(of: sections)
        return BundleDocument.Note(
            id: ids[id]!,
            path: rendered.note.sourcePath,
            url: SitePath.url(of: rendered.pagePath, baseURL: commons.settings.baseURL),
            title: rendered.title,
            aliases: rendered.note.frontMatter.aliases,
            tags: rendered.tags,
            frontMatter: FrontMatterJSON(value: redacted(.mapping(rendered.note.frontMatter.entries), in: id, by: commons.publicMarkdown)),
            created: noteHistory?.created.map(moment),
            updated: noteHistory?.updated.map(moment),
            authors: noteHistory?.authors.map { BundleDocument.Author(name: $0.name, revisions: $0.revisions) } ?? [],
            revisions: noteHistory?.revisions.count ?? 0,
            historyTruncated: noteHistory?.isTruncated ?? false,
            markdown: bodies[id]!,
            text: text,
            headings: body.headings.map { BundleDocument.Heading(level: $0.level, text: $0.text, anchor: $0.anchor) },
            sections: sections,
            links: (commons.graph.outgoing[id] ?? []).compactMap { link in
                ids[link.target].map { BundleDocument.Link(target: $0, anchor: link.fragment, text: link.text, embed: link.isEmbed) }
            },
            backlinks: commons.graph.mentions(of: id).compactMap { link in
                ids[link.source].map { BundleDocument.Backlink(source: $0, context: link.context) }
            },
            history: (noteHistory?.revisions ?? []).enumerated().map { index, revision in
                // Counted on what may be shown, as on the history page: git's counts against a
                // version that was not published would tell its size.
                let counts = index < texts.count ? texts[index].lineCounts : nil
                return BundleDocument.Revision(
                    commit: revision.commit.hex, date: DateText.timestamp(revision.author), author: revision.author.name,
                    subject: revision.subject, kind: revision.kind.rawValue,
                    previousPath: revision.shownPreviousPath,
                    added: counts?.added, removed: counts?.removed)
            },
            placedLinks: placedLinks,
            sectionSpans: body.parts.map { BundleFile.SectionSpan(start: $0.range.lowerBound, end: $0.range.upperBound, anchor: $0.anchor) }
        )
    }

    /// The bundle's file, whole and in the pieces a mirror fetches; its schema is a file of the
    /// theme, so it is copied with the assets.
    static func files(_ document: BundleDocument) throws -> [OutputFile] {
        let file = BundleFile(document)
        return [OutputFile(path: fileName, stream: { write in try ContextBundle.write(file, to: write) })] + (try BundleMirror.files(file))
    }

    /// Writes the bundle in format 2 a piece at a time, one note to a line, so that a large commons is
    /// never held twice in memory. Objects have sorted keys; the top level keeps provenance first for
    /// readers that stream it.
    static func write(_ document: BundleDocument, to write: ([UInt8]) throws -> Void) throws {
        try self.write(BundleFile(document), to: write)
    }

    static func write(_ file: BundleFile, to write: ([UInt8]) throws -> Void) throws {
        let encoder = BundleEncoder()
        try write(Array("{\"provenance\":".utf8) + encoder.encode(file.provenance) + Array(",\n\"notes\":[\n".utf8))
        for (index, note) in file.notes.enumerated() {
            try write((index == 0 ? [] : Array(",\n".utf8)) + encoder.encode(note))
        }
        try write(Array("\n],\n\"commits\":".utf8) + encoder.encode(file.commits) + Array("}\n".utf8))
    }

    /// A note's `text`: its sections' headings and text, a blank line between each.
    static func plainText(of sections: [BundleDocument.Section]) -> String {
        sections.map { section in
            [section.heading, section.text.isEmpty ? nil : section.text].compactMap { $0 }.joined(separator: "\n\n")
        }.joined(separator: "\n\n")
    }

    /// Front matter may hold wikilinks too (`related: "[[Some note]]"`); its strings are filtered as the
    /// note's Markdown is.
    static func redacted(_ value: FrontMatterValue, in id: NoteID, by publicMarkdown: PublicMarkdown) -> FrontMatterValue {
        switch value {
        case .string(let string): .string(publicMarkdown.text(of: string, writtenAt: id))
        case .list(let items): .list(items.map { redacted($0, in: id, by: publicMarkdown) })
        case .mapping(let entries): .mapping(entries.map { .init(key: $0.key, value: redacted($0.value, in: id, by: publicMarkdown)) })
        case .null, .bool, .int, .double: value
        }
    }
}
