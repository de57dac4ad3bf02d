/// A past version of a note, read as a page: rendered as the note's page renders it (see
/// `PastVersionRenderer`), under a line that says which version it is and leads to the note, its
/// history and the versions either side. It lives in the note's history folder as `<commit>.html`,
/// beside the version's Markdown, which agents read.
struct PastVersionPage: SitePage {
    static let template = "past-version"
    static let reservedName: String? = nil
    static let inSitemap = false

    /// The note's position in the site's notes.
    let position: Int
    /// The revision's place in the note's history, newest first.
    let revision: Int

    static func all(in site: SitePages) -> [PastVersionPage] {
        site.notes.indices.flatMap { position in
            site.shownVersions(of: position).map { PastVersionPage(position: position, revision: $0) }
        }
    }

    func folder(in site: SitePages) -> String {
        HistoryPage.folder(of: site.notes[position])
    }

    func fileName(in site: SitePages) -> String {
        Self.fileName(of: revision(in: site))
    }

    /// The page of the version a revision made, in the history's folder; named by the full hash, as
    /// its Markdown is.
    static func fileName(of revision: Revision) -> String {
        revision.commit.hex + ".html"
    }

    func layout(in site: SitePages) -> PageLayout {
        var layout = PageLayout(title: "\(site.notes[position].title), version of \(DateText.day(revision(in: site).author))")
        layout.listed = false
        layout.indexed = false
        layout.explorerFolder = site.tree.folderOfNote[position]
        return layout
    }

    func values(in site: SitePages) throws -> PageValues {
        let note = site.notes[position]
        let shown = revision(in: site)
        let pagePath = folder(in: site)
        let markdown = site.revisionTexts[note.note.id]![revision].markdown!
        let rendered = try site.pastVersions.render(markdown, writtenAt: shown.path, onPage: pagePath)
        let versions = site.shownVersions(of: position)
        let place = versions.firstIndex(of: revision)!
        let history = site.history.notes[note.note.id]!
        func link(_ index: Int?) -> PageValue? {
            index.map { .values(PageValues(["url": .text(Self.fileName(of: history.revisions[$0])), "date": .text(DateText.day(history.revisions[$0].author))])) }
        }
        var values = PageValues([
            "title": .text(rendered.title),
            "bodyHasTitle": .flag(rendered.bodyHasTitle),
            "html": .text(rendered.html),
            "short": .text(shown.commit.short),
            "date": .text(DateText.day(shown.author)),
            "author": .text(shown.author.name),
            "subject": .text(shown.subject),
            "isLatest": .flag(revision == 0),
            "markdownURL": .text(HistoryPage.pastVersionFile(shown)),
            "historyURL": .text("./"),
            "note": .values(PageValues([
                "title": .text(note.title),
                "url": .text(site.routes.href(to: note.note.id, fromPage: pagePath) ?? ""),
            ])),
        ])
        values["commitURL"] = .text(ifAny: site.site.settings.commitURL(shown.commit.hex))
        values["newer"] = link(place > versions.startIndex ? versions[place - 1] : nil)
        values["older"] = link(place + 1 < versions.endIndex ? versions[place + 1] : nil)
        return PageValues(["version": .values(values)])
    }

    private func revision(in site: SitePages) -> Revision {
        site.history.notes[site.notes[position].note.id]!.revisions[revision]
    }
}
