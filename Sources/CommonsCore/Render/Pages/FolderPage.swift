/// A folder of notes: its folders and, a page at a time, its notes, in a reader's order. Below the page
/// of all notes, which is the top folder's: `all-notes/how-to/`, then `all-notes/how-to/page/2/`, as
/// Hugo and Quartz page their lists, so that a folder of thousands of notes stays light. The top
/// folder has one when the commons is too big for `AllNotesPage`'s tree, in its place.
struct FolderPage: SitePage {
    static let template = "folder"
    static let reservedName: String? = AllNotesPage.name
    static let inSitemap = true
    /// Notes on one page: a few hundred bytes each.
    static let notesPerPage = 100
    /// The folder the pages after a folder's first are in, which no folder below it may take.
    static let laterPages = "page"

    /// The folder's position in the site's folder tree; never the top's.
    let folder: Int
    /// Counted from 1.
    let page: Int

    static func all(in site: SitePages) -> [FolderPage] {
        site.tree.folders.indices.dropFirst(AllNotesPage.all(in: site).isEmpty ? 0 : 1).flatMap { folder in
            (1...pageCount(of: site.tree.folders[folder])).map { FolderPage(folder: folder, page: $0) }
        }
    }

    private static func pageCount(of folder: FolderTree.Folder) -> Int {
        max(1, (folder.notes.count + notesPerPage - 1) / notesPerPage)
    }

    /// The top folder's page is the page of all notes.
    private static func name(of folder: FolderTree.Folder) -> String {
        folder.path.isEmpty ? "All notes" : folder.name
    }

    private static func path(of folder: FolderTree.Folder, page: Int) -> String {
        page == 1 ? folder.pagePath : folder.pagePath + "\(laterPages)/\(page)/"
    }

    func folder(in site: SitePages) -> String {
        Self.path(of: site.tree.folders[folder], page: page)
    }

    func layout(in site: SitePages) -> PageLayout {
        let folder = site.tree.folders[folder]
        let pages = Self.pageCount(of: folder)
        let name = Self.name(of: folder)
        var layout = PageLayout(title: page == 1 ? name : "\(name), page \(page) of \(pages)",
                                description: folder.path.isEmpty ? "\(folder.count) notes" : "\(folder.count) notes in \(folder.path)/")
        layout.explorerFolder = self.folder
        return layout
    }

    func values(in site: SitePages) -> PageValues {
        let folder = site.tree.folders[folder]
        let here = self.folder(in: site)
        let href = { (path: String) in SitePath.href(to: path, fromPage: here) }
        let above = folder.chain.dropLast().map { site.tree.folders[$0] }
        var values = PageValues([
            "name": .text(Self.name(of: folder)),
            "count": .number(folder.count),
            "breadcrumbs": .list(above.map { PageValues(["name": .text($0.path.isEmpty ? "All notes" : $0.name), "url": .text(href($0.pagePath))]) }),
            "notes": .list(site.links(to: folder.notes.dropFirst((page - 1) * Self.notesPerPage).prefix(Self.notesPerPage).map { site.notes[$0] }, fromPage: here)),
        ])
        if page == 1 {
            values["folders"] = .list(site.folderLinks(folder.subfolders, fromPage: here))
        }
        let pages = Self.pageCount(of: folder)
        if pages > 1 {
            var pager = PageValues(["page": .number(page), "pages": .number(pages)])
            if page > 1 { pager["previous"] = .text(href(Self.path(of: folder, page: page - 1))) }
            if page < pages { pager["next"] = .text(href(Self.path(of: folder, page: page + 1))) }
            values["pager"] = .values(pager)
        }
        return values
    }
}
