/// A kind of page the site lays out with one of the theme's templates: one file each in this folder,
/// named in `SitePageKinds.all`. The names at the top of the site that no note may take, the templates
/// a theme must have, the sitemap and the site's index of pages are all read from that list, so a new
/// kind of page is a new file and a line there.
protocol SitePage: Sendable {
    /// The theme's template that lays it out (`tags` is `tags.mustache`).
    static var template: String { get }
    /// The name at the top of the site that its pages take (`tags`), kept from notes; nil when its
    /// pages stand among the notes'.
    static var reservedName: String? { get }
    /// Whether its pages are in the sitemap.
    static var inSitemap: Bool { get }
    /// Its pages in the site.
    static func all(in site: SitePages) -> [Self]
    /// The folder the page is in, from the site's root: `tags/`, or "" for the home page.
    func folder(in site: SitePages) -> String
    /// Its file in that folder. Links from the page start from the folder, whatever the file's name.
    func fileName(in site: SitePages) -> String
    /// What the layout says of the page.
    func layout(in site: SitePages) -> PageLayout
    /// What its template is given.
    func values(in site: SitePages) throws -> PageValues
    /// What the page is made from, when that is less costly to tell than its values and says as much:
    /// the page's digest, so that the previous site's file is kept without making the values. Nil for
    /// a page whose values are its digest.
    func memoValues(in site: SitePages) -> PageValues?
}

extension SitePage {
    func fileName(in site: SitePages) -> String { "index.html" }

    func memoValues(in site: SitePages) -> PageValues? { nil }
}

/// A kind with one page, in a folder of its own at the top of the site.
protocol SingleSitePage: SitePage {
    /// The folder's name, which no note may take.
    static var name: String { get }
    init()
}

extension SingleSitePage {
    static var reservedName: String? { name }
    static var folder: String { name + "/" }
    static func all(in site: SitePages) -> [Self] { [Self()] }
    func folder(in site: SitePages) -> String { Self.folder }
}

/// What the layout template says of a page, beside the page's own values.
struct PageLayout {
    let title: String
    var description: String?
    /// Open Graph's type: `article` for a note, `website` for the rest.
    var kind = "website"
    /// Where links start when they cannot be relative: the 404 page is served at any depth.
    var absoluteRoot: String?
    /// The page has a canonical URL and may be the home page.
    var listed = true
    /// Search engines may index the page; a past version's says no, as the note's own page is the one to find.
    var indexed = true
    /// The folder the explorer opens at: the note's own, or the top.
    var explorerFolder = 0
}

enum SitePageKinds {
    static let all: [any SitePage.Type] = [
        NotePage.self, HistoryPage.self, PastVersionPage.self, FrontPage.self, AllNotesPage.self, TagsPage.self, TagPage.self,
        FolderPage.self, RecentChangesPage.self, WantedPage.self, SearchPage.self, GraphPage.self, NotFoundPage.self,
    ]

    /// Every theme has these: the layout around every page, and each kind's own.
    static let requiredTemplates = ["layout"] + all.map { $0.template }

    /// Names at the top of the site for the site's own pages and files, which no note's route may take.
    static let reservedNames = Set(all.compactMap { $0.reservedName }).union([SiteTemplate.assetsFolder])
}
