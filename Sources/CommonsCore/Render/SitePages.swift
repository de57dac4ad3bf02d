import CommonsGit
import Foundation

/// Stage 5: every page of the site, laid out with the theme's templates when it is asked for. A build
/// asks for all of them; `serve` for the one a browser wants, so an edit costs no layout of its own.
struct SitePages: Sendable {
    struct Site: Sendable {
        let settings: Settings
        /// The short hash of the commit the site names (see `RecentChange.shownCommit`), shown on the
        /// Recent changes page; nil for the working tree.
        let commit: String?
        /// Notes whose source differs from the last commit, marked as such on their pages.
        var uncommitted: Set<NoteID> = []
        /// KaTeX is in the site, for pages with math to load.
        var typesetsMath = false
    }

    /// A theme that holds Mermaid's script draws diagrams: no Debian package has it, so a site gets it
    /// only when its theme brings it, one file (see Templates).
    static let mermaidScript = "assets/mermaid.min.js"

    /// What a path of the site holds, found without laying anything out.
    private enum Entry: Sendable {
        /// A page of one of `SitePageKinds.all`, by its place in `pages`.
        case page(Int)
        case pastVersion(markdown: String)
        case graphData
        case folderData(Int)
        case asset([UInt8])
        case pastVersionPage(PastVersionPage)
    }

    /// The past versions' pages and Markdown files, with their paths in the order a build writes them.
    private struct PastVersionIndex {
        var pagePaths: [String] = []
        var markdownPaths: [String] = []
        var entries: [String: Entry] = [:]
    }

    let notes: [RenderedNote]
    let graph: LinkGraph
    let history: History
    let revisionTexts: [NoteID: [RevisionText]]
    let recent: [RecentChange]
    let tags: TagIndex
    let routes: Routes
    let site: Site
    let template: SiteTemplate
    /// Renders the past versions' pages as they are laid out.
    let pastVersions: PastVersionRenderer
    /// The pages of the previous build, when this is a build into a folder: pages laid out from the same
    /// values are kept from it, and every laid-out page carries its digest for the next build.
    let memo: PageMemo?
    private let positionOf: [NoteID: Int]
    let order: NoteOrder
    /// The notes' positions in a reader's order, for the generated home page, the folders and tags.
    var listed: [Int] { order.listed }
    /// Each note's place in that order, by its position.
    var rank: [Int] { order.rank }
    var tree: FolderTree { order.tree }
    let graphView: GraphView
    /// Every page of the site, of every kind.
    private var pages: [any SitePage]
    /// The folders of the pages the sitemap lists.
    private(set) var sitemapFolders: [String]
    /// Every path but the past versions', in the order a build writes them, and where in it the past
    /// versions' pages and their Markdown go.
    private var pathsBesidesPastVersions: [String]
    private var pastVersionPagesAt = 0, pastVersionMarkdownAt = 0
    private var entries: [String: Entry]
    /// Found when a path of one is first asked for, or every path is: a site of 10,000 notes has tens of
    /// thousands, and `serve` lays out a note's page after an edit without them.
    private let pastVersionsFound = MadeOnce<PastVersionIndex>()
    private let allPaths = MadeOnce<[String]>()

    /// `order` is `notes`' (see `NoteOrder`).
    init(_ notes: [RenderedNote], order: NoteOrder, graph: LinkGraph, history: History, revisionTexts: [NoteID: [RevisionText]],
         recent: [RecentChange], tags: TagIndex, routes: Routes, site: Site, template: SiteTemplate, pastVersions: PastVersionRenderer,
         memo: PageMemo? = nil) {
        self.memo = memo
        self.pastVersions = pastVersions
        (self.notes, self.graph, self.history, self.revisionTexts, self.recent) = (notes, graph, history, revisionTexts, recent)
        (self.tags, self.routes, self.site, self.template) = (tags, routes, site, template)
        positionOf = Dictionary(uniqueKeysWithValues: notes.enumerated().map { ($1.note.id, $0) })
        self.order = order
        graphView = GraphView(notes, graph: graph)
        pages = []
        pathsBesidesPastVersions = []
        sitemapFolders = []
        entries = [:]
        // Every kind's pages, found from what is set above: the notes, their history, tags and tree.
        var pages: [any SitePage] = [], index: [(String, Entry)] = [], sitemap: [String] = []
        for kind in SitePageKinds.all {
            if kind is PastVersionPage.Type {
                pastVersionPagesAt = index.count
                continue
            }
            for page in kind.all(in: self) {
                let folder = page.folder(in: self)
                index.append((folder + page.fileName(in: self), .page(pages.count)))
                pages.append(page)
                if kind.inSitemap { sitemap.append(folder) }
            }
        }
        pastVersionMarkdownAt = index.count
        index.append((GraphPage.dataFile, .graphData))
        index += tree.folders.indices.map { (FolderTree.dataPath(of: $0), .folderData($0)) }
        index += template.assets.map { ($0.path, .asset($0.bytes)) }
        self.pages = pages
        pathsBesidesPastVersions = index.map(\.0)
        sitemapFolders = sitemap
        entries = Dictionary(index) { first, _ in first }
    }

    /// Every path, in the order a build writes them; made once, as tens of thousands of them are.
    var paths: [String] {
        allPaths.value {
            let past = pastVersionIndex
            let (pagesAt, markdownAt) = (pastVersionPagesAt, pastVersionMarkdownAt)
            return pathsBesidesPastVersions[..<pagesAt] + past.pagePaths + pathsBesidesPastVersions[pagesAt..<markdownAt] + past.markdownPaths
                + pathsBesidesPastVersions[markdownAt...]
        }
    }

    private var pastVersionIndex: PastVersionIndex {
        pastVersionsFound.value {
            var index = PastVersionIndex()
            for page in PastVersionPage.all(in: self) {
                let path = page.folder(in: self) + page.fileName(in: self)
                index.pagePaths.append(path)
                if index.entries[path] == nil { index.entries[path] = .pastVersionPage(page) }
            }
            for note in notes {
                guard let noteHistory = history.notes[note.note.id] else { continue }
                for (revision, text) in zip(noteHistory.revisions, revisionTexts[note.note.id] ?? []) {
                    guard let markdown = text.markdown else { continue }
                    let path = HistoryPage.folder(of: note) + HistoryPage.pastVersionFile(revision)
                    index.markdownPaths.append(path)
                    if index.entries[path] == nil { index.entries[path] = .pastVersion(markdown: markdown) }
                }
            }
            return index
        }
    }

    /// The file at `path`, laid out now; nil when the site has no page there.
    func file(at path: String) throws -> OutputFile? {
        guard let entry = entries[path] ?? (HistoryPage.isInAFolder(path) ? pastVersionIndex.entries[path] : nil) else { return nil }
        switch entry {
        case .page(let number): return try layOut(pages[number])
        case .pastVersionPage(let page): return try layOut(page)
        case .pastVersion(let markdown): return OutputFile(path: path, text: markdown)
        case .graphData: return OutputFile(path: path, bytes: try BundleEncoder().encode(graphView.whole()))
        case .folderData(let folder): return try folderData(folder, path: path)
        case .asset(let bytes): return OutputFile(path: path, bytes: bytes)
        }
    }

    /// The places in the history of the note at `position` of the revisions whose version was
    /// published, newest first: the versions a reader can read.
    func publishedVersions(of position: Int) -> [Int] {
        let texts = revisionTexts[notes[position].note.id] ?? []
        return texts.indices.filter { texts[$0].markdown != nil }
    }

    /// Whether the revision at `place` of a note's history made the note as its page shows it: the
    /// newest does, unless the page shows edits not committed yet. That version is read on the note's
    /// own page, not on a page of its own.
    func isOnNotePage(_ position: Int, revision place: Int) -> Bool {
        place == 0 && !site.uncommitted.contains(notes[position].note.id)
    }

    /// The link, from the note's history folder, to where a reader reads the version a revision made.
    func versionURL(_ position: Int, revision place: Int) -> String {
        let note = notes[position]
        return isOnNotePage(position, revision: place)
            ? SitePath.href(to: note.pagePath, fromPage: HistoryPage.folder(of: note))
            : PastVersionPage.fileName(of: history.notes[note.note.id]!.revisions[place])
    }

    func publishedNote(_ id: NoteID) -> RenderedNote? {
        positionOf[id].map { notes[$0] }
    }

    func position(of id: NoteID) -> Int? {
        positionOf[id]
    }

    /// Every file, each laid out when it is written, in `paths` order.
    func all() -> [OutputFile] {
        paths.map { path in OutputFile(path: path, later: { try file(at: path)! }) }
    }

    /// What the explorer loads when a reader opens a folder: its folders (name, number, count of notes)
    /// and its first notes (title, and the page's path from the site root, ready for a URL), with how
    /// many more there are and the folder's page that lists them all.
    private func folderData(_ position: Int, path: String) throws -> OutputFile {
        struct Subfolder: Encodable {
            let name: String
            let number: Int
            let count: Int
        }
        struct More: Encodable {
            let count: Int
            let page: String
        }
        struct Data: Encodable {
            let folders: [Subfolder]
            let notes: [[String]]
            let more: More?
        }
        let folder = tree.folders[position]
        let shown = folder.notes.prefix(FolderTree.notesInExplorer)
        let data = Data(folders: folder.subfolders.map { Subfolder(name: tree.folders[$0].name, number: $0, count: tree.folders[$0].count) },
                        notes: shown.map { [notes[$0].title, SitePath.encode(notes[$0].pagePath)] },
                        more: shown.count == folder.notes.count ? nil : More(count: folder.notes.count - shown.count, page: SitePath.encode(folder.pagePath)))
        return OutputFile(path: path, bytes: try BundleEncoder().encode(data))
    }

    /// A page laid out with its kind's template inside the layout, or the previous build's file when
    /// it would be laid out from the same values.
    private func layOut(_ page: some SitePage) throws -> OutputFile {
        let folder = page.folder(in: self), layout = page.layout(in: self)
        let root = layout.absoluteRoot ?? SitePath.root(fromPage: folder)
        var pageInfo = pageValues(layout, folder: folder)
        var shared = PageValues([
            "site": .values(siteValues),
            "page": .values(pageInfo),
            "root": .text(root),
            "home": .text(root.isEmpty ? "./" : root),
            "explorer": .values(PageValues([
                "chain": .text(tree.folders[layout.explorerFolder].chain.map(String.init).joined(separator: " ")),
                "page": .text(SitePath.encode(tree.folders[layout.explorerFolder].pagePath)),
            ])),
        ])
        let kind = type(of: page)
        let path = folder + page.fileName(in: self)
        // A page that can say what it is made from keeps the previous site's file without making its values.
        let inputs = memo == nil ? nil : page.memoValues(in: self)
        let made = inputs == nil ? try page.values(in: self) : nil
        let digest = memo == nil ? nil : PageDigest(theme: template.digest, template: kind.template, values: [inputs ?? made!, shared])
        if let memo, let digest, let kept = memo.keptFile(at: path, digest: digest) {
            return OutputFile(path: path, keptFrom: kept, digest: digest)
        }
        let values = try made ?? page.values(in: self)
        let content = try template.render(kind.template, values.merging(shared))
        shared["content"] = .text(content)
        // Whatever shows it (a note, an embed in it, a past version), the page loads KaTeX and Mermaid
        // when its content has math or a diagram. The digest has read all that decides it: the values,
        // the theme with its assets, and whether the site typesets math (`siteValues`).
        if site.typesetsMath && MathAssets.isUsed(in: content) { pageInfo["math"] = .flag(true) }
        if content.holdsBytes("<code class=\"language-mermaid\">") && template.assets.contains(where: { $0.path == Self.mermaidScript }) {
            pageInfo["mermaid"] = .flag(true)
        }
        shared["page"] = .values(pageInfo)
        var file = OutputFile(path: path, text: try template.render("layout", shared))
        file.layoutDigest = digest
        return file
    }

    var siteValues: PageValues {
        var values = PageValues(["title": .text(site.settings.title), "language": .text("en")])
        values["baseURL"] = .text(ifAny: site.settings.baseURL)
        if site.typesetsMath { values["typesetsMath"] = .flag(true) }
        if site.commit == nil { values["fromWorkingTree"] = .flag(true) }
        return values
    }

    private func pageValues(_ layout: PageLayout, folder: String) -> PageValues {
        var values = PageValues(["title": .text(layout.title), "kind": .text(layout.kind), "isHome": .flag(folder.isEmpty && layout.listed)])
        values["description"] = .text(ifAny: layout.description)
        if !layout.indexed { values["noindex"] = .flag(true) }
        if layout.listed, let baseURL = site.settings.baseURL { values["canonical"] = .text(SitePath.url(of: folder, baseURL: baseURL)) }
        return values
    }

    /// Links to the pages of the folders at `positions` in the tree, each with its name and count of notes.
    func folderLinks(_ positions: [Int], fromPage pagePath: String) -> [PageValues] {
        positions.map { tree.folders[$0] }.map {
            PageValues(["name": .text($0.name), "url": .text(SitePath.href(to: $0.pagePath, fromPage: pagePath)), "count": .number($0.count)])
        }
    }

    /// Links to notes for a list of them, as the `note-list` partial reads them.
    func links(to notes: [RenderedNote], fromPage pagePath: String) -> [PageValues] {
        notes.map { note in
            var link = PageValues([
                "title": .text(note.title),
                "url": .text(SitePath.href(to: note.pagePath, fromPage: pagePath)),
                "path": .text(note.note.sourcePath),
            ])
            link["description"] = .text(ifAny: note.description)
            return link
        }
    }
}
