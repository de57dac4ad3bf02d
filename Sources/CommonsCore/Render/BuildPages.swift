/// Stage 5: lays out every page of the site with the theme's templates.
enum BuildPages {
    struct Site {
        let settings: Settings
        /// The build commit's short hash, shown in the footer; nil for the working tree.
        let commit: String?
    }

    static func run(_ notes: [RenderedNote], graph: LinkGraph, history: History, revisionTexts: [NoteID: [RevisionText]], recent: [RecentChange],
                    tags: TagIndex, excluded: (String) -> Bool,
                    routes: Routes, site: Site, template: SiteTemplate) throws -> [OutputFile] {
        var files: [OutputFile] = []
        let byID = Dictionary(uniqueKeysWithValues: notes.map { ($0.note.id, $0) })
        for note in notes {
            let backlinks: [[String: Any]] = graph.mentions(of: note.note.id).map { link in
                [
                    "title": byID[link.source]?.title ?? link.source.baseName,
                    "url": routes.href(to: link.source, fromPage: note.pagePath) ?? "",
                    "context": link.context,
                ]
            }
            let context: [String: Any] = [
                "note": [
                    "title": note.title,
                    "html": note.html,
                    "path": note.note.sourcePath,
                    "url": SitePath.encode(note.pagePath),
                    "tags": note.tags.map { ["name": $0, "url": TagIndex.href(to: $0, fromPage: note.pagePath)] },
                    "bodyHasTitle": note.bodyHasTitle,
                    "backlinks": backlinks,
                    "history": historyContext(history.notes[note.note.id], frontMatterDate: note.note.frontMatter.date) as Any,
                    "historyURL": SitePath.root(fromPage: note.pagePath) + SitePath.encode(historyPath(of: note)),
                ] as [String: Any],
            ]
            let page = Page(path: note.pagePath, title: note.title, description: note.description, kind: "article")
            files.append(try render("note", context, page: page, site: site, template: template))
            if let noteHistory = history.notes[note.note.id] {
                files += try historyPage(note, noteHistory, texts: revisionTexts[note.note.id] ?? [], excluded: excluded,
                                         routes: routes, site: site, template: template)
            }
        }

        let listed = notes.sorted(by: listOrder)
        if routes.home == nil {
            let page = Page(path: "", title: site.settings.title, description: nil, kind: "website")
            files.append(try render("index", ["notes": links(to: listed, fromPage: "")], page: page, site: site, template: template))
        }
        let allNotes = Page(path: "all-notes/", title: "All notes", description: nil, kind: "website")
        files.append(try render("list", ["notes": links(to: listed, fromPage: allNotes.path)], page: allNotes, site: site, template: template))

        files += try tagPages(tags, notes: byID, site: site, template: template)
        files.append(try recentChangesPage(recent, notes: byID, routes: routes, site: site, template: template))
        files += try wantedPage(graph, notes: byID, site: site, template: template)

        // The 404 page is served at any depth, so its links start from the site's absolute path.
        let notFound = Page(path: "", title: "Page not found", description: nil, kind: "website", fileName: "404.html",
                            absoluteRoot: site.settings.baseURL.map(URLPath.path(of:)) ?? "/", listed: false)
        files.append(try render("404", [:], page: notFound, site: site, template: template))

        files += template.assets.map { OutputFile(path: $0.path, bytes: $0.bytes) }
        return files
    }

    private static func tagPages(_ index: TagIndex, notes byID: [NoteID: RenderedNote], site: Site, template: SiteTemplate) throws -> [OutputFile] {
        let overview = Page(path: "tags/", title: "Tags", description: nil, kind: "website")
        let entries: [[String: Any]] = index.tags.map { tag in
            ["name": tag.name, "url": SitePath.href(to: tag.pagePath, fromPage: overview.path), "count": tag.notes.count]
        }
        var files = [try render("tags", ["tags": entries], page: overview, site: site, template: template)]
        for tag in index.tags {
            let page = Page(path: tag.pagePath, title: "#\(tag.name)", description: nil, kind: "website")
            let tagged = tag.notes.compactMap { byID[$0] }.sorted(by: listOrder)
            files.append(try render("tag", ["tag": tag.name, "notes": links(to: tagged, fromPage: page.path)], page: page, site: site, template: template))
        }
        return files
    }

    /// The latest commits that changed published notes, with links to those notes.
    private static func recentChangesPage(_ changes: [RecentChange], notes byID: [NoteID: RenderedNote], routes: Routes, site: Site,
                                          template: SiteTemplate) throws -> OutputFile {
        let page = Page(path: "recent-changes/", title: "Recent changes", description: nil, kind: "website")
        let entries: [[String: Any]] = changes.map { change in
            var entry: [String: Any] = [
                "short": change.commit.short,
                "date": DateText.day(change.author),
                "author": change.author.name,
                "subject": change.subject,
                "notes": change.notes.map { ["title": byID[$0]?.title ?? $0.baseName, "url": routes.href(to: $0, fromPage: page.path) ?? ""] },
            ]
            if let url = site.settings.commitURL(change.commit.hex) { entry["commitURL"] = url }
            return entry
        }
        return try render("recent-changes", ["changes": entries], page: page, site: site, template: template)
    }

    /// Targets that links name but no note has, with the notes that want them, as a wiki's wanted pages.
    private static func wantedPage(_ graph: LinkGraph, notes byID: [NoteID: RenderedNote], site: Site, template: SiteTemplate) throws -> [OutputFile] {
        let page = Page(path: "wanted/", title: "Wanted notes", description: nil, kind: "website")
        let wanted: [[String: Any]] = graph.wanted.keys.sorted { $0.lowercased().utf8.lexicographicallyPrecedes($1.lowercased().utf8) }.map { target in
            ["target": target, "notes": links(to: graph.wanted[target]!.compactMap { byID[$0] }, fromPage: page.path)]
        }
        return [try render("wanted", ["wanted": wanted], page: page, site: site, template: template)]
    }

    /// A note's history page: every revision, newest first. The home page's history cannot live below
    /// the home page, whose folder is the site's root, so it has a reserved folder of its own.
    static func historyPath(of note: RenderedNote) -> String {
        note.pagePath.isEmpty ? Routes.homeHistory : note.pagePath + "history/"
    }

    private static func historyPage(_ note: RenderedNote, _ history: NoteHistory, texts: [RevisionText], excluded: (String) -> Bool,
                                    routes: Routes, site: Site, template: SiteTemplate) throws -> [OutputFile] {
        let page = Page(path: historyPath(of: note), title: "History of \(note.title)", description: nil, kind: "website")
        var versions: [OutputFile] = []
        let entries: [[String: Any]] = zip(history.revisions, texts).map { revision, text in
            var entry: [String: Any] = [
                "hash": revision.commit.hex,
                "short": revision.commit.short,
                "date": DateText.day(revision.author),
                "author": revision.author.name,
                "subject": revision.subject,
                "added": revision.addedLines,
                "removed": revision.removedLines,
                "kind": revision.kind.rawValue,
            ]
            if let url = site.settings.commitURL(revision.commit.hex) { entry["commitURL"] = url }
            if let previous = revision.shownPreviousPath(excluded: excluded) { entry["renamedFrom"] = previous }
            if let markdown = text.markdown {
                // Named by the full hash: a short one can be ambiguous in a long history.
                versions.append(OutputFile(path: page.path + revision.commit.hex + ".md", text: markdown))
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
        return [try render("history", context, page: page, site: site, template: template)] + versions
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
    }

    private static func render(_ name: String, _ context: [String: Any], page: Page, site: Site, template: SiteTemplate) throws -> OutputFile {
        let root = page.absoluteRoot ?? SitePath.root(fromPage: page.path)
        var shared: [String: Any] = [
            "site": siteContext(site),
            "page": pageContext(page, site: site),
            "root": root,
            "home": root.isEmpty ? "./" : root,
        ]
        var inner = context
        inner.merge(shared) { own, _ in own }
        shared["content"] = try template.render(name, inner)
        return OutputFile(path: page.path + page.fileName, text: try template.render("layout", shared))
    }

    private static func siteContext(_ site: Site) -> [String: Any] {
        var context: [String: Any] = ["title": site.settings.title, "language": "en"]
        if let baseURL = site.settings.baseURL { context["baseURL"] = baseURL }
        if let commit = site.commit { context["commit"] = commit }
        return context
    }

    private static func pageContext(_ page: Page, site: Site) -> [String: Any] {
        var context: [String: Any] = ["title": page.title, "kind": page.kind, "isHome": page.path.isEmpty && page.listed]
        if let description = page.description { context["description"] = description }
        if page.listed, let baseURL = site.settings.baseURL { context["canonical"] = SitePath.url(of: page.path, baseURL: baseURL) }
        return context
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

    /// Titles in a reader's order, ties broken by path so the order never varies.
    static func listOrder(_ lhs: RenderedNote, _ rhs: RenderedNote) -> Bool {
        let left = lhs.title.lowercased(), right = rhs.title.lowercased()
        if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        return lhs.note.id < rhs.note.id
    }
}
