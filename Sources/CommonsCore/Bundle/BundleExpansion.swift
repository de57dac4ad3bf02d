import CommonsGit

extension BundleDocument {
    /// The document a format-2 `file` was written from: what format 2 leaves out, derived again. Link
    /// texts, backlink contexts, tags, headings and sections' text come from a render of each note's
    /// Markdown, as the build reads it; aliases from its front matter; dates, authors and subjects
    /// from the commit table.
    public init(expanding file: BundleFile) {
        let prefix = file.provenance.commitPrefix
        let commits = Dictionary(file.commits.map { (String($0.hash.prefix(prefix)), $0) }) { first, _ in first }
        let bodies = Lanes.map(file.notes, lane: {}) { _, note in PublishedBody(note.markdown) }
        let baseURL = file.provenance.baseURL

        var incoming: [String: [(path: String, offset: Int, backlink: Backlink)]] = [:]
        var links: [[Link]] = []
        for (note, body) in zip(file.notes, bodies) {
            let targets = Dictionary(note.links.map { ($0.offset, $0.target) }) { first, _ in first }
            links.append(body.links.compactMap { link in
                guard let target = targets[link.offset] else { return nil }
                if target != note.id {
                    incoming[target, default: []].append((note.path, link.offset, Backlink(source: note.id, context: link.context)))
                }
                return Link(target: target, anchor: link.fragment, text: link.text, embed: link.isEmbed)
            })
        }

        var notes: [Note] = []
        for (index, (note, body)) in zip(file.notes, bodies).enumerated() {
            let history = note.history.map { row in
                let commit = commits[row.commit]
                return Revision(commit: commit?.hash ?? row.commit, date: commit?.date ?? "", author: commit?.author ?? "",
                                subject: commit?.subject ?? "", kind: BundleFile.Row.kinds[row.kind] ?? row.kind, previousPath: row.previousPath,
                                added: row.added, removed: row.removed)
            }
            let sections = body.sections.map { section in
                Section(anchor: section.heading?.anchor, heading: section.heading?.text, text: section.text, tokens: TokenEstimate.of(section.text))
            }
            var authors: [String: Int] = [:]
            for revision in history { authors[revision.author, default: 0] += 1 }
            let moment = { (revision: Revision) in Moment(commit: revision.commit, date: revision.date) }
            // What the page's note reads from its front matter, read from the bundle's copy of it.
            let frontMatter: FrontMatter
            if case .mapping(let entries) = note.frontMatter.value {
                frontMatter = FrontMatter(entries: entries, keyLines: [:])
            } else {
                frontMatter = .empty
            }
            notes.append(Note(
                id: note.id, path: note.path,
                url: SitePath.url(of: note.id == "index" ? "" : note.id + "/", baseURL: baseURL),
                title: note.title, aliases: frontMatter.aliases,
                tags: RenderNotes.distinctTags(frontMatter.tags.map(TagIndex.normalise) + body.tags), frontMatter: note.frontMatter,
                created: note.historyTruncated ? nil : history.last.map(moment), updated: history.first.map(moment),
                authors: authors.map { Author(name: $0.key, revisions: $0.value) }.sorted {
                    $0.revisions != $1.revisions ? $0.revisions > $1.revisions : ContextBundle.byteOrder($0.name, $1.name)
                },
                revisions: history.count, historyTruncated: note.historyTruncated,
                markdown: note.markdown, text: ContextBundle.plainText(of: sections),
                headings: body.headings.map { Heading(level: $0.level, text: $0.text, anchor: $0.anchor) },
                sections: sections, links: links[index],
                backlinks: Self.mentions(incoming[note.id] ?? []),
                history: history, placedLinks: note.links, sectionSpans: note.sections))
        }

        var wanted: [String: Set<String>] = [:]
        for note in file.notes {
            for target in note.unresolved { wanted[target, default: []].insert(note.id) }
        }
        var touched: [String: [String]] = [:]
        for note in file.notes {
            for row in note.history { touched[row.commit, default: []].append(note.id) }
        }
        self.init(
            provenance: file.provenance, notes: notes,
            unresolved: wanted.keys.sorted(by: ContextBundle.byteOrder).map { target in
                Unresolved(target: target, sources: wanted[target]!.sorted(by: ContextBundle.byteOrder))
            },
            commits: file.commits.prefix(ContextBundle.commitLimit).map { commit in
                Commit(commit: commit.hash, date: commit.date, author: commit.author, subject: commit.subject,
                       notes: (touched[String(commit.hash.prefix(prefix))] ?? []).sorted(by: ContextBundle.byteOrder))
            })
    }

    /// A note's backlinks as the graph gives them: by source path, then place; a source that links
    /// twice from the same passage mentions the note once.
    private static func mentions(_ links: [(path: String, offset: Int, backlink: Backlink)]) -> [Backlink] {
        links.sorted { $0.path != $1.path ? ContextBundle.byteOrder($0.path, $1.path) : $0.offset < $1.offset }.map(\.backlink).droppingRepeats(==)
    }
}
