/// A note's page: its body, with its title, dates, contents, backlinks, tags and its neighbourhood in
/// the graph. It lives at the note's route.
struct NotePage: SitePage {
    static let template = "note"
    static let reservedName: String? = nil
    static let inSitemap = true

    /// The note's position in the site's notes.
    let position: Int

    static func all(in site: SitePages) -> [NotePage] {
        site.notes.indices.map(NotePage.init)
    }

    func folder(in site: SitePages) -> String {
        site.notes[position].pagePath
    }

    func layout(in site: SitePages) -> PageLayout {
        let note = site.notes[position]
        var layout = PageLayout(title: note.title, description: note.description, kind: "article")
        layout.explorerFolder = site.tree.folderOfNote[position]
        return layout
    }

    func values(in site: SitePages) -> PageValues {
        let note = site.notes[position]
        // The body's own opening heading, so that a theme can put the dates and contents under the title.
        let titleHeading = note.bodyHasTitle ? Self.openingHeading(of: note.html) : nil
        // Each note that links here once, with every passage that does, as Obsidian's backlinks list them.
        var backlinks: [PageValues] = [], passages: [[PageValues]] = []
        var previous: NoteID?
        for link in site.graph.mentions(of: note.note.id) {
            if link.source != previous {
                backlinks.append(PageValues([
                    "title": .text(site.publishedNote(link.source)?.title ?? link.source.baseName),
                    "url": .text(site.routes.href(to: link.source, fromPage: note.pagePath) ?? ""),
                ]))
                passages.append([])
                previous = link.source
            }
            if !link.context.isEmpty { passages[passages.count - 1].append(PageValues(["text": .text(link.context)])) }
        }
        for index in backlinks.indices { backlinks[index]["contexts"] = .list(passages[index]) }
        // A hub that a thousand notes link to would otherwise weigh more than the page budget.
        let moreBacklinks = max(0, backlinks.count - Self.backlinksShown)
        var values = PageValues([
            "title": .text(note.title),
            "html": .text(note.html),
            "bodyHTML": .text(titleHeading.map { String(note.html.utf8.dropFirst($0.utf8.count))! } ?? note.html),
            "path": .text(note.note.sourcePath),
            "url": .text(SitePath.encode(note.pagePath)),
            "tags": .list(note.tags.map { PageValues(["name": .text($0), "url": .text(TagIndex.href(to: $0, fromPage: note.pagePath))]) }),
            "bodyHasTitle": .flag(note.bodyHasTitle),
            "backlinks": .list(Array(backlinks.prefix(Self.backlinksShown))),
            "historyURL": .text(SitePath.root(fromPage: note.pagePath) + SitePath.encode(HistoryPage.folder(of: note))),
            "uncommitted": .flag(site.site.uncommitted.contains(note.note.id)),
            "breadcrumbs": .list(breadcrumbs(in: site)),
            "toc": .list(Self.tableOfContents(note)),
            "localGraph": .made(GraphView.DrawingJSON(drawing: site.graphView.local(around: position))),
        ])
        values["titleHTML"] = .text(ifAny: titleHeading)
        if moreBacklinks > 0 { values["moreBacklinks"] = .number(moreBacklinks) }
        values["history"] = Self.history(site.history.notes[note.note.id], frontMatterDate: note.note.frontMatter.date).map { .values($0) }
        return PageValues(["note": .values(values)])
    }

    /// The most notes "Linked from" lists, each with its passages; the bundle and `commons mcp` have all.
    static let backlinksShown = 200

    /// The `<h1>` element a body opens with, with its line break.
    private static func openingHeading(of html: String) -> String? {
        guard html.hasPrefix("<h1"), let end = html.range(of: "</h1>\n") else { return nil }
        return String(html[..<end.upperBound])
    }

    /// The folders above a note, each leading to its page; none for the home page.
    private func breadcrumbs(in site: SitePages) -> [PageValues] {
        let note = site.notes[position]
        guard !note.pagePath.isEmpty else { return [] }
        return site.tree.folders[site.tree.folderOfNote[position]].chain.dropFirst().map { folder in
            PageValues(["name": .text(site.tree.folders[folder].name), "url": .text(SitePath.href(to: site.tree.folders[folder].pagePath, fromPage: note.pagePath))])
        }
    }

    /// The note's headings below its title, two levels deep; none when there are too few to need them.
    private static func tableOfContents(_ note: RenderedNote) -> [PageValues] {
        let headings = note.headings.filter { $0.level <= 3 && !($0.level == 1 && note.bodyHasTitle && $0.line == note.headings.first?.line) }
        guard headings.count >= 2 else { return [] }
        let top = headings.map(\.level).min() ?? 1
        return headings.map {
            PageValues(["text": .text($0.text), "url": .text(SitePath.encodeFragment("#" + $0.anchor)), "nested": .flag($0.level > top)])
        }
    }

    /// What the page says of the note's history; nil when it has none (not committed yet).
    private static func history(_ history: NoteHistory?, frontMatterDate: String?) -> PageValues? {
        guard let history, let updated = history.updated else { return nil }
        var values = PageValues([
            "updated": .text(DateText.day(updated.author)),
            "revisions": .number(history.revisions.count),
            "authors": .list(history.authors.map { PageValues(["name": .text($0.name), "revisions": .number($0.revisions)]) }),
            "isTruncated": .flag(history.isTruncated),
        ])
        // A date in the front matter is what the author wants shown as the note's date.
        values["created"] = .text(ifAny: frontMatterDate ?? history.created.map { DateText.day($0.author) })
        return values
    }
}
