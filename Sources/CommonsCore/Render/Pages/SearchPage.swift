/// The search page, for readers without the search dialog's script; the index is in its folder.
struct SearchPage: SingleSitePage {
    static let template = "search"
    static let name = "search"
    static let inSitemap = false

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Search")
    }

    func values(in site: SitePages) -> PageValues { PageValues() }
}
