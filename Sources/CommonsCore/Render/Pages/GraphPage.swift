/// The whole link graph, drawn by the theme's script from `data.json` beside the page.
struct GraphPage: SitePage {
    static let template = "graph"
    static let reservedName: String? = "graph"
    static let inSitemap = false
    static let folder = reservedName! + "/"
    static let dataFile = folder + "data.json"

    static func all(in site: SitePages) -> [GraphPage] { [GraphPage()] }

    func folder(in site: SitePages) -> String { Self.folder }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Graph")
    }

    func values(in site: SitePages) -> PageValues {
        PageValues(["count": .number(site.notes.count)])
    }
}
