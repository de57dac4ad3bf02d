/// Every note, by folder, as one tree while they are few enough for one page; past that, the top
/// folder's `FolderPage` takes its place, paged. The explorer loads each folder's notes from this
/// page's `folders/`.
struct AllNotesPage: SingleSitePage {
    static let template = "list"
    static let name = "all-notes"
    static let inSitemap = true
    /// Notes the tree shows on one page: about 80 KB.
    static let notesInTree = 1000

    static func all(in site: SitePages) -> [AllNotesPage] {
        site.notes.count <= notesInTree ? [AllNotesPage()] : []
    }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "All notes")
    }

    func values(in site: SitePages) -> PageValues {
        PageValues(["count": .number(site.notes.count), "tree": .values(Self.tree(0, in: site))])
    }

    /// A folder with the folders below it, for the `note-tree` partial.
    private static func tree(_ position: Int, in site: SitePages) -> PageValues {
        let folder = site.tree.folders[position]
        return PageValues([
            "name": .text(folder.name),
            "anchor": .text(folder.anchor),
            "count": .number(folder.count),
            "folders": .list(folder.subfolders.map { tree($0, in: site) }),
            "notes": .list(site.links(to: folder.notes.map { site.notes[$0] }, fromPage: Self.folder)),
        ])
    }
}
