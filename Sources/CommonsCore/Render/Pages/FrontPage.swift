/// The home page a commons without a home note gets: every note, in a reader's order, while they are
/// few; past a folder page's worth, what a reader starts from (the top folders, the notes updated
/// last and the notes most linked to), since a list of 7,000 notes was a page of 1.3 MB.
struct FrontPage: SitePage {
    static let template = "index"
    static let reservedName: String? = nil
    static let inSitemap = true
    /// Notes in each of the lists a big commons' home page shows.
    static let shown = 20

    static func all(in site: SitePages) -> [FrontPage] {
        site.routes.home == nil ? [FrontPage()] : []
    }

    func folder(in site: SitePages) -> String { "" }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: site.site.settings.title)
    }

    func values(in site: SitePages) -> PageValues {
        guard site.notes.count > FolderPage.notesPerPage else {
            return PageValues(["whole": .flag(true), "notes": .list(site.links(to: site.listed.map { site.notes[$0] }, fromPage: ""))])
        }
        let top = site.tree.folders[0]
        // Ties go to a reader's order, so that the lists are the same for the same notes.
        let updated = site.listed.compactMap { position in site.history.notes[site.notes[position].note.id]?.updated.map { (position, $0.author.time) } }
        let recent = updated.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.prefix(Self.shown).map(\.element.0)
        let linkers = site.listed.map { Set((site.graph.backlinks[site.notes[$0].note.id] ?? []).map(\.source)).count }
        let linked = site.listed.indices.filter { linkers[$0] > 0 }.sorted { (linkers[$0], -$0) > (linkers[$1], -$1) }.prefix(Self.shown).map { site.listed[$0] }
        return PageValues([
            "count": .number(site.notes.count),
            "allNotes": .text(SitePath.href(to: AllNotesPage.folder, fromPage: "")),
            "folders": .list(site.folderLinks(top.subfolders, fromPage: "")),
            "recent": .list(site.links(to: recent.map { site.notes[$0] }, fromPage: "")),
            "linked": .list(site.links(to: linked.map { site.notes[$0] }, fromPage: "")),
        ])
    }
}
