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
        case note(Int)
        case history(Int)
        case pastVersion(markdown: String)
        case home
        case allNotes
        case tags
        case tag(Int)
        case recentChanges
        case wanted
        case search
        case graph
        case graphData
        case folderData(Int)
        case notFound
        case asset([UInt8])
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
    /// The pages of the previous build, when this is a build into a folder: pages laid out from the same
    /// values are kept from it, and every laid-out page carries its digest for the next build.
    let memo: PageMemo?
    private let positionOf: [NoteID: Int]
    /// The notes' positions in a reader's order, for the generated home page, the folders and tags.
    private let listed: [Int]
    /// Each note's place in that order, by its position.
    private let rank: [Int]
    private let tree: FolderTree
    private let graphView: GraphView
    /// Every path, in the order a build writes them.
    let paths: [String]
    private let entries: [String: Entry]

    init(_ notes: [RenderedNote], graph: LinkGraph, history: History, revisionTexts: [NoteID: [RevisionText]], recent: [RecentChange],
         tags: TagIndex, routes: Routes, site: Site, template: SiteTemplate, memo: PageMemo? = nil) {
        self.memo = memo
        (self.notes, self.graph, self.history, self.revisionTexts, self.recent) = (notes, graph, history, revisionTexts, recent)
        (self.tags, self.routes, self.site, self.template) = (tags, routes, site, template)
        positionOf = Dictionary(uniqueKeysWithValues: notes.enumerated().map { ($1.note.id, $0) })
        listed = Self.readerOrdered(notes)
        var rank = Array(repeating: 0, count: notes.count)
        for (place, position) in listed.enumerated() { rank[position] = place }
        self.rank = rank
        tree = FolderTree(notes, readerOrder: listed)
        graphView = GraphView(notes, graph: graph)
        var index: [(String, Entry)] = []
        for (position, note) in notes.enumerated() {
            index.append((note.pagePath + "index.html", .note(position)))
            guard let noteHistory = history.notes[note.note.id] else { continue }
            let historyFolder = Self.historyPath(of: note)
            index.append((historyFolder + "index.html", .history(position)))
            for (revision, text) in zip(noteHistory.revisions, revisionTexts[note.note.id] ?? []) {
                guard let markdown = text.markdown else { continue }
                // Named by the full hash: a short one can be ambiguous in a long history.
                index.append((historyFolder + revision.commit.hex + ".md", .pastVersion(markdown: markdown)))
            }
        }
        if routes.home == nil { index.append(("index.html", .home)) }
        index.append(("all-notes/index.html", .allNotes))
        index.append(("tags/index.html", .tags))
        index += tags.tags.enumerated().map { ($1.pagePath + "index.html", .tag($0)) }
        index.append(("recent-changes/index.html", .recentChanges))
        index.append(("wanted/index.html", .wanted))
        index.append(("search/index.html", .search))
        index.append(("graph/index.html", .graph))
        index.append(("graph/data.json", .graphData))
        index += tree.folders.indices.map { (FolderTree.dataPath(of: $0), .folderData($0)) }
        index.append(("404.html", .notFound))
        index += template.assets.map { ($0.path, .asset($0.bytes)) }
        paths = index.map(\.0)
        entries = Dictionary(index) { first, _ in first }
    }

    /// The file at `path`, laid out now; nil when the site has no page there.
    func file(at path: String) throws -> OutputFile? {
        guard let entry = entries[path] else { return nil }
        switch entry {
        case .note(let position): return try notePage(notes[position], position: position)
        case .history(let position):
            let note = notes[position]
            return try historyPage(note, history.notes[note.note.id]!, texts: revisionTexts[note.note.id] ?? [])
        case .pastVersion(let markdown): return OutputFile(path: path, text: markdown)
        case .home:
            let page = Page(path: "", title: site.settings.title, description: nil, kind: "website")
            return try render("index", ["notes": Self.links(to: listed.map { notes[$0] }, fromPage: "")], page: page)
        case .allNotes:
            let page = Page(path: "all-notes/", title: "All notes", description: nil, kind: "website")
            return try render("list", ["count": notes.count, "tree": folderContext(0, fromPage: page.path)], page: page)
        case .tags: return try tagsOverview()
        case .tag(let position): return try tagPage(tags.tags[position])
        case .recentChanges: return try recentChangesPage()
        case .wanted: return try wantedPage()
        case .search:
            return try render("search", [:], page: Page(path: "search/", title: "Search", description: nil, kind: "website"))
        case .graph:
            let page = Page(path: "graph/", title: "Graph", description: nil, kind: "website")
            return try render("graph", ["count": notes.count], page: page)
        case .graphData: return OutputFile(path: path, bytes: try BundleEncoder().encode(graphView.whole()))
        case .folderData(let folder): return try folderData(folder, path: path)
        case .notFound:
            // The 404 page is served at any depth, so its links start from the site's absolute path.
            let page = Page(path: "", title: "Page not found", description: nil, kind: "website", fileName: "404.html",
                            absoluteRoot: site.settings.baseURL.map(URLPath.path(of:)) ?? "/", listed: false)
            return try render("404", [:], page: page)
        case .asset(let bytes): return OutputFile(path: path, bytes: bytes)
        }
    }

    private func publishedNote(_ id: NoteID) -> RenderedNote? {
        positionOf[id].map { notes[$0] }
    }

    /// Every file, laid out on every core, in `paths` order.
    func all() throws -> [OutputFile] {
        try Lanes.map(paths, lane: {}) { _, path in try file(at: path)! }
    }


    private func notePage(_ note: RenderedNote, position: Int) throws -> OutputFile {
        // The body's own opening heading, so that a theme can put the dates and contents under the title.
        let titleHeading = note.bodyHasTitle ? Self.openingHeading(of: note.html) : nil
        let backlinks: [[String: Any]] = graph.mentions(of: note.note.id).map { link in
            [
                "title": publishedNote(link.source)?.title ?? link.source.baseName,
                "url": routes.href(to: link.source, fromPage: note.pagePath) ?? "",
                "context": link.context,
            ]
        }
        var values: [String: Any] = [
            "title": note.title,
            "html": note.html,
            "bodyHTML": titleHeading.map { String(note.html.utf8.dropFirst($0.utf8.count))! } ?? note.html,
            "path": note.note.sourcePath,
            "url": SitePath.encode(note.pagePath),
            "tags": note.tags.map { ["name": $0, "url": TagIndex.href(to: $0, fromPage: note.pagePath)] },
            "bodyHasTitle": note.bodyHasTitle,
            "backlinks": backlinks,
            "historyURL": SitePath.root(fromPage: note.pagePath) + SitePath.encode(Self.historyPath(of: note)),
            "uncommitted": site.uncommitted.contains(note.note.id),
            "breadcrumbs": breadcrumbs(of: position),
            "toc": Self.tableOfContents(note),
            "localGraph": GraphView.DrawingJSON(drawing: graphView.local(around: position)),
        ]
        // Absent values are left out, not given as nil: Mustache takes an Optional inside `Any` for a
        // value, and a note without an opening heading once showed the word "nil" under its title.
        if let titleHeading { values["titleHTML"] = titleHeading }
        if let dates = Self.historyContext(history.notes[note.note.id], frontMatterDate: note.note.frontMatter.date) { values["history"] = dates }
        let context: [String: Any] = ["note": values]
        var page = Page(path: note.pagePath, title: note.title, description: note.description, kind: "article")
        page.folder = tree.folderOfNote[position]
        page.math = site.typesetsMath && MathAssets.isUsed(in: note.html)
        page.mermaid = note.html.contains("<code class=\"language-mermaid\">") && template.assets.contains { $0.path == Self.mermaidScript }
        return try render("note", context, page: page)
    }

    /// The `<h1>` element a body opens with, with its line break.
    private static func openingHeading(of html: String) -> String? {
        guard html.hasPrefix("<h1"), let end = html.range(of: "</h1>\n") else { return nil }
        return String(html[..<end.upperBound])
    }

    /// The folders above a note, each leading to its place in the list of all notes; none for the home page.
    private func breadcrumbs(of position: Int) -> [[String: Any]] {
        let note = notes[position]
        guard !note.pagePath.isEmpty else { return [] }
        let allNotes = SitePath.href(to: "all-notes/", fromPage: note.pagePath)
        return tree.folders[tree.folderOfNote[position]].chain.dropFirst().map { folder in
            ["name": tree.folders[folder].name, "url": allNotes + "#" + tree.folders[folder].anchor]
        }
    }

    /// The note's headings below its title, two levels deep; empty when there are too few to need one.
    private static func tableOfContents(_ note: RenderedNote) -> [[String: Any]] {
        let headings = note.headings.filter { $0.level <= 3 && !($0.level == 1 && note.bodyHasTitle && $0.line == note.headings.first?.line) }
        guard headings.count >= 2 else { return [] }
        let top = headings.map(\.level).min() ?? 1
        return headings.map { ["text": $0.text, "url": SitePath.encodeFragment("#" + $0.anchor), "nested": $0.level > top] }
    }

    /// A folder of the list of all notes, with the folders below it, for the `note-tree` partial.
    private func folderContext(_ position: Int, fromPage pagePath: String) -> [String: Any] {
        let folder = tree.folders[position]
        return [
            "name": folder.name,
            "anchor": folder.anchor,
            "count": folder.count,
            "folders": folder.subfolders.map { folderContext($0, fromPage: pagePath) },
            "notes": Self.links(to: folder.notes.map { notes[$0] }, fromPage: pagePath),
        ]
    }

    /// What the explorer loads when a reader opens a folder: its folders (name, number, count of notes)
    /// and its notes (title, and the page's path from the site root, ready for a URL).
    private func folderData(_ position: Int, path: String) throws -> OutputFile {
        struct Subfolder: Encodable {
            let name: String
            let number: Int
            let count: Int
        }
        struct Data: Encodable {
            let folders: [Subfolder]
            let notes: [[String]]
        }
        let folder = tree.folders[position]
        let data = Data(folders: folder.subfolders.map { Subfolder(name: tree.folders[$0].name, number: $0, count: tree.folders[$0].count) },
                        notes: folder.notes.map { [notes[$0].title, SitePath.encode(notes[$0].pagePath)] })
        return OutputFile(path: path, bytes: try BundleEncoder().encode(data))
    }

    private func tagsOverview() throws -> OutputFile {
        let page = Page(path: "tags/", title: "Tags", description: nil, kind: "website")
        let entries: [[String: Any]] = tags.tags.map { tag in
            ["name": tag.name, "url": SitePath.href(to: tag.pagePath, fromPage: page.path), "count": tag.notes.count]
        }
        return try render("tags", ["tags": entries], page: page)
    }

    private func tagPage(_ tag: TagIndex.Tag) throws -> OutputFile {
        let page = Page(path: tag.pagePath, title: "#\(tag.name)", description: nil, kind: "website")
        let tagged = tag.notes.compactMap { positionOf[$0] }.sorted { rank[$0] < rank[$1] }.map { notes[$0] }
        return try render("tag", ["tag": tag.name, "notes": Self.links(to: tagged, fromPage: page.path)], page: page)
    }

    /// The latest commits that changed published notes, with links to those notes.
    private func recentChangesPage() throws -> OutputFile {
        let page = Page(path: "recent-changes/", title: "Recent changes", description: nil, kind: "website")
        let entries: [[String: Any]] = recent.map { change in
            var entry: [String: Any] = [
                "short": change.commit.short,
                "date": DateText.day(change.author),
                "author": change.author.name,
                "subject": change.subject,
                "notes": change.notes.map { ["title": publishedNote($0)?.title ?? $0.baseName, "url": routes.href(to: $0, fromPage: page.path) ?? ""] },
            ]
            if let url = site.settings.commitURL(change.commit.hex) { entry["commitURL"] = url }
            return entry
        }
        var context: [String: Any] = ["changes": entries]
        // Here only: every page that holds the commit changes with every commit (see `PageDigest`).
        if let commit = site.commit { context["site"] = siteContext.merging(["commit": commit]) { $1 } }
        return try render("recent-changes", context, page: page)
    }

    /// Targets that links name but no note has, with the notes that want them, as a wiki's wanted pages.
    private func wantedPage() throws -> OutputFile {
        let page = Page(path: "wanted/", title: "Wanted notes", description: nil, kind: "website")
        let wanted: [[String: Any]] = graph.wanted.keys.sorted(by: Self.caseInsensitively).map { target in
            ["target": target, "notes": Self.links(to: graph.wanted[target]!.compactMap { publishedNote($0) }, fromPage: page.path)]
        }
        return try render("wanted", ["wanted": wanted], page: page)
    }

    /// A note's history page: every revision, newest first. The home page's history cannot live below
    /// the home page, whose folder is the site's root, so it has a reserved folder of its own.
    static func historyPath(of note: RenderedNote) -> String {
        note.pagePath.isEmpty ? Routes.homeHistory : note.pagePath + "history/"
    }

    private func historyPage(_ note: RenderedNote, _ history: NoteHistory, texts: [RevisionText]) throws -> OutputFile {
        let page = Page(path: Self.historyPath(of: note), title: "History of \(note.title)", description: nil, kind: "website")
        let entries: [[String: Any]] = zip(history.revisions, texts).map { revision, text in
            var entry: [String: Any] = [
                "hash": revision.commit.hex,
                "short": revision.commit.short,
                "date": DateText.day(revision.author),
                "author": revision.author.name,
                "subject": revision.subject,
                "kind": revision.kind.rawValue,
            ]
            if let counts = text.lineCounts { (entry["added"], entry["removed"]) = (counts.added, counts.removed) }
            if let url = site.settings.commitURL(revision.commit.hex) { entry["commitURL"] = url }
            if let previous = revision.shownPreviousPath { entry["renamedFrom"] = previous }
            if text.markdown != nil {
                entry["markdownURL"] = revision.commit.hex + ".md"
            } else {
                entry["withheld"] = true
            }
            if let diff = text.diff, !diff.hunks.isEmpty { entry["diff"] = RevisionDiff.context(diff, previousWithheld: text.previousWithheld) }
            return entry
        }
        let context: [String: Any] = [
            "note": ["title": note.title, "url": routes.href(to: note.note.id, fromPage: page.path) ?? "", "path": note.note.sourcePath],
            "revisions": entries,
            "isTruncated": history.isTruncated,
        ]
        return try render("history", context, page: page)
    }

    /// What the note page says of the note's history; nil when it has none (not committed yet).
    private static func historyContext(_ history: NoteHistory?, frontMatterDate: String?) -> [String: Any]? {
        guard let history, let updated = history.updated else { return nil }
        var context: [String: Any] = [
            "updated": DateText.day(updated.author),
            "revisions": history.revisions.count,
            "authors": history.authors.map { ["name": $0.name, "revisions": $0.revisions] },
            "isTruncated": history.isTruncated,
        ]
        // A date in the front matter is what the author wants shown as the note's date.
        if let created = frontMatterDate ?? history.created.map({ DateText.day($0.author) }) { context["created"] = created }
        return context
    }

    /// One generated page: where it goes and what the layout says about it.
    struct Page {
        let path: String
        let title: String
        let description: String?
        let kind: String
        var fileName = "index.html"
        var absoluteRoot: String?
        var listed = true
        /// The folder the explorer opens at: the note's own, or the top.
        var folder = 0
        /// The page shows math, which KaTeX typesets when the site has it.
        var math = false
        /// The page has Mermaid diagrams, which the theme's Mermaid script draws when it has one.
        var mermaid = false
    }

    private func render(_ name: String, _ context: [String: Any], page: Page) throws -> OutputFile {
        let root = page.absoluteRoot ?? SitePath.root(fromPage: page.path)
        var shared: [String: Any] = [
            "site": siteContext,
            "page": pageContext(page),
            "root": root,
            "home": root.isEmpty ? "./" : root,
            "explorer": [
                "chain": tree.folders[page.folder].chain.map(String.init).joined(separator: " "),
                "anchor": tree.folders[page.folder].anchor,
            ],
        ]
        let path = page.path + page.fileName
        let digest = memo == nil ? nil : PageDigest(theme: template.digest, template: name, values: [context, shared])
        if let memo, let digest, let kept = memo.keptFile(at: path, digest: digest) {
            return OutputFile(path: path, keptFrom: kept, digest: digest)
        }
        var inner = context
        inner.merge(shared) { own, _ in own }
        shared["content"] = try template.render(name, inner)
        var file = OutputFile(path: path, text: try template.render("layout", shared))
        file.layoutDigest = digest
        return file
    }

    private var siteContext: [String: Any] {
        var context: [String: Any] = ["title": site.settings.title, "language": "en"]
        if let baseURL = site.settings.baseURL { context["baseURL"] = baseURL }
        if site.commit == nil { context["fromWorkingTree"] = true }
        return context
    }

    private func pageContext(_ page: Page) -> [String: Any] {
        var context: [String: Any] = ["title": page.title, "kind": page.kind, "isHome": page.path.isEmpty && page.listed]
        if let description = page.description { context["description"] = description }
        if page.math { context["math"] = true }
        if page.mermaid { context["mermaid"] = true }
        if page.listed, let baseURL = site.settings.baseURL { context["canonical"] = SitePath.url(of: page.path, baseURL: baseURL) }
        return context
    }

    /// Names in reading order, case aside, and by their bytes when they differ only in case
    /// (`phnx` and `Phnx`), which would otherwise come in the dictionary's order of the run.
    private static func caseInsensitively(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (lhs.lowercased(), rhs.lowercased())
        return left != right ? left.utf8.lexicographicallyPrecedes(right.utf8) : lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func links(to notes: [RenderedNote], fromPage pagePath: String) -> [[String: Any]] {
        notes.map { note in
            var link: [String: Any] = [
                "title": note.title,
                "url": SitePath.href(to: note.pagePath, fromPage: pagePath),
                "path": note.note.sourcePath,
            ]
            if let description = note.description { link["description"] = description }
            return link
        }
    }

    /// The notes' positions with their titles in a reader's order, ties broken by path so the order
    /// never varies. Positions are sorted, with the titles and ids taken out first: sorting the notes
    /// themselves moved and copied large values, a tenth of a `serve` rebuild.
    static func readerOrdered(_ notes: [RenderedNote]) -> [Int] {
        let titles = notes.map(\.title)
        let ids = notes.map(\.note.id)
        return notes.indices.sorted { lhs, rhs in
            switch readerOrder(titles[lhs], titles[rhs]) {
            case .orderedSame: ids[lhs] < ids[rhs]
            case let order: order == .orderedAscending
            }
        }
    }

    /// Without regard to case, and numbers by their value ("Note 2" before "Note 10"), as Obsidian sorts.
    /// No locale is named, so the order is the same on every machine.
    static func readerOrder(_ lhs: String, _ rhs: String) -> ComparisonResult {
        lhs.compare(rhs, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
    }
}
