/// The home page a commons without a home note gets: every note, in a reader's order.
struct FrontPage: SitePage {
    static let template = "index"
    static let reservedName: String? = nil
    static let inSitemap = true

    static func all(in site: SitePages) -> [FrontPage] {
        site.routes.home == nil ? [FrontPage()] : []
    }

    func folder(in site: SitePages) -> String { "" }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: site.site.settings.title)
    }

    func values(in site: SitePages) -> PageValues {
        PageValues(["notes": .list(site.links(to: site.listed.map { site.notes[$0] }, fromPage: ""))])
    }
}
