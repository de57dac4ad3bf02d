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
            site.publishedVersions(of: position).filter { !site.isOnNotePage(position, revision: $0) }.map { PastVersionPage(position: position, revision: $0) }
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
        let rendered = try site.pastVersions.render(markdown(in: site), writtenAt: revision(in: site).path, onPage: folder(in: site))
        var values = frame(in: site)
        values["title"] = .text(rendered.title)
        values["bodyHasTitle"] = .flag(rendered.bodyHasTitle)
        values["html"] = .text(rendered.html)
        return PageValues(["version": .values(values)])
    }

    /// The version's text and path, with what else its rendering depends on, stand for the rendering:
    /// an unchanged version's page is kept without rendering it again. An embed shows the embedded
    /// note as it is now, so the texts of the notes it embeds count too.
    func memoValues(in site: SitePages) -> PageValues? {
        let markdown = markdown(in: site)
        let path = revision(in: site).path
        guard let embeds = site.pastVersions.embedsDigest(markdown, writtenAt: path) else { return nil }
        var values = frame(in: site)
        values["markdown"] = .text(markdown)
        values["writtenAt"] = .text(path)
        values["environment"] = .text(site.pastVersions.environment)
        values["embeds"] = .text(embeds)
        return PageValues(["version": .values(values)])
    }

    /// Everything the page shows but the version itself.
    private func frame(in site: SitePages) -> PageValues {
        let note = site.notes[position]
        let shown = revision(in: site)
        let pagePath = folder(in: site)
        let versions = site.publishedVersions(of: position)
        let place = versions.firstIndex(of: revision)!
        let history = site.history.notes[note.note.id]!
        func link(_ index: Int?) -> PageValue? {
            index.map { .values(PageValues(["url": .text(site.versionURL(position, revision: $0)), "date": .text(DateText.day(history.revisions[$0].author))])) }
        }
        var values = PageValues([
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
        return values
    }

    private func markdown(in site: SitePages) -> String {
        site.revisionTexts[site.notes[position].note.id]![revision].markdown!
    }

    private func revision(in site: SitePages) -> Revision {
        site.history.notes[site.notes[position].note.id]!.revisions[revision]
    }
}
