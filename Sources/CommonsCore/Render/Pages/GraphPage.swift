/// The whole link graph, drawn by the theme's script from `data.json` beside the page.
struct GraphPage: SingleSitePage {
    static let template = "graph"
    static let name = "graph"
    static let inSitemap = false
    static let dataFile = folder + "data.json"

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Graph")
    }

    func values(in site: SitePages) -> PageValues {
        PageValues(["count": .number(site.notes.count)])
    }
}
