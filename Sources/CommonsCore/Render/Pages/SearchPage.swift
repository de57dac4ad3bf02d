/// The search page, for readers without the search dialog's script; the index is in its folder.
struct SearchPage: SitePage {
    static let template = "search"
    static let reservedName: String? = "search"
    static let inSitemap = false
    static let folder = reservedName! + "/"

    static func all(in site: SitePages) -> [SearchPage] { [SearchPage()] }

    func folder(in site: SitePages) -> String { Self.folder }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Search")
    }

    func values(in site: SitePages) -> PageValues { PageValues() }
}
