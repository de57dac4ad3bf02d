/// The notes with a tag, or with one nested below it, in a reader's order.
struct TagPage: SitePage {
    static let template = "tag"
    static let reservedName: String? = TagIndex.folder
    static let inSitemap = true

    /// The tag's position in the site's tags.
    let position: Int

    static func all(in site: SitePages) -> [TagPage] {
        site.tags.tags.indices.map(TagPage.init)
    }

    func folder(in site: SitePages) -> String {
        site.tags.tags[position].pagePath
    }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "#\(site.tags.tags[position].name)")
    }

    func values(in site: SitePages) -> PageValues {
        let tag = site.tags.tags[position]
        let tagged = tag.notes.compactMap { site.position(of: $0) }.sorted { site.rank[$0] < site.rank[$1] }.map { site.notes[$0] }
        return PageValues(["tag": .text(tag.name), "notes": .list(site.links(to: tagged, fromPage: tag.pagePath))])
    }
}
