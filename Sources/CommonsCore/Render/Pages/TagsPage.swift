/// Every tag, with how many notes have it.
struct TagsPage: SingleSitePage {
    static let template = "tags"
    static let name = TagIndex.folder
    static let inSitemap = true

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Tags")
    }

    func values(in site: SitePages) -> PageValues {
        let path = Self.folder
        return PageValues(["tags": .list(site.tags.tags.map { tag in
            PageValues(["name": .text(tag.name), "url": .text(SitePath.href(to: tag.pagePath, fromPage: path)), "count": .number(tag.notes.count)])
        })])
    }
}
