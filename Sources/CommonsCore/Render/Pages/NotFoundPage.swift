/// The page a host serves for a path the site does not have, at any depth of the site.
struct NotFoundPage: SitePage {
    static let template = "404"
    static let reservedName: String? = "404"
    static let inSitemap = false

    static func all(in site: SitePages) -> [NotFoundPage] { [NotFoundPage()] }

    func folder(in site: SitePages) -> String { "" }

    func fileName(in site: SitePages) -> String { "404.html" }

    func layout(in site: SitePages) -> PageLayout {
        // Served at any depth, so its links start from the site's absolute path.
        var layout = PageLayout(title: "Page not found")
        layout.absoluteRoot = site.site.settings.baseURL.map(URLPath.path(of:)) ?? "/"
        layout.listed = false
        return layout
    }

    func values(in site: SitePages) -> PageValues { PageValues() }
}
