/// Every tag, with how many notes have it.
struct TagsPage: SitePage {
    static let template = "tags"
    static let reservedName: String? = TagIndex.folder
    static let inSitemap = true

    static func all(in site: SitePages) -> [TagsPage] { [TagsPage()] }

    func folder(in site: SitePages) -> String { TagIndex.folder + "/" }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Tags")
    }

    func values(in site: SitePages) -> PageValues {
        let path = folder(in: site)
        return PageValues(["tags": .list(site.tags.tags.map { tag in
            PageValues(["name": .text(tag.name), "url": .text(SitePath.href(to: tag.pagePath, fromPage: path)), "count": .number(tag.notes.count)])
        })])
    }
}
