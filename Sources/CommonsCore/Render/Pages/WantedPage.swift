/// Targets that links name but no note has, with the notes that want them, as a wiki's wanted pages.
struct WantedPage: SingleSitePage {
    static let template = "wanted"
    static let name = "wanted"
    static let inSitemap = false

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Wanted notes")
    }

    func values(in site: SitePages) -> PageValues {
        let path = Self.folder
        let wanted = site.graph.wanted.keys.sorted(by: Self.caseInsensitively).map { target in
            PageValues([
                "target": .text(target),
                "notes": .list(site.links(to: site.graph.wanted[target]!.compactMap { site.publishedNote($0) }, fromPage: path)),
            ])
        }
        return PageValues(["wanted": .list(wanted)])
    }

    /// Names in reading order, case aside, and by their bytes when they differ only in case
    /// (`phnx` and `Phnx`), which would otherwise come in the dictionary's order of the run.
    private static func caseInsensitively(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (lhs.lowercased(), rhs.lowercased())
        return left != right ? left.precedesInBytes(right) : lhs.precedesInBytes(rhs)
    }
}
