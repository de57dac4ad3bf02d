import CommonsGit
import CommonsMarkdown
import Foundation

/// What every command shares: the commit read, its notes parsed, filtered, routed and rendered, and
/// the link graph. The site, the bundle and the checks all start from this, so they can never
/// disagree on what is published.
struct PublishedCommons {
    /// The repository and commit a command reads, opened before the work starts so that a command can
    /// check its own arguments against the settings before paying for the stages.
    struct Source {
        let repository: Repository
        let tree: SourceTree
        let snapshot: Snapshot
        let settings: Settings
        let caches: CacheStore

        /// `reads` keeps what a build of the working tree read, for the next one (see `WorkingTreeReads`).
        static func open(_ plan: BuildPlan, clock: StageClock, reads: WorkingTreeReads? = nil) throws -> Source {
            let repository = try clock.time("Opening the repository") { try openRepository(at: plan.path) }
            let tree: SourceTree = plan.worktree
                ? try WorkingTree(repository: repository, reads: reads)
                : try CommitTree(repository: repository, revision: plan.revision ?? "HEAD")
            let snapshot = try clock.time("Reading files") {
                try ReadRepository.run(tree, overrides: plan.overrides, title: SiteTitle.fallback(for: repository))
            }
            let settings = try validated(snapshot.settings)
            // A committed setting names a folder inside the repository; only the command line goes elsewhere.
            let chosen = plan.cacheFolder ?? settings.cacheFolder.map { (repository.workingDirectory ?? repository.gitFolder) + $0 }
            return Source(repository: repository, tree: tree, snapshot: snapshot, settings: settings,
                          caches: CacheStore.forBuild(gitFolder: repository.gitFolder, chosen: chosen))
        }

        /// The commit whose history a build shows: the built commit, or HEAD for the working tree; nil
        /// in a repository with no commit yet.
        var historyHead: ObjectID? {
            snapshot.commit?.id ?? (repository.isHeadUnborn ? nil : try? repository.resolveCommit("HEAD"))
        }
    }

    let source: Source
    let filter: PublishFilter
    let published: PublishedNotes
    let routes: Routes
    let links: LinkTables
    let rendered: RenderNotes.Output
    let graph: LinkGraph
    let publicMarkdown: PublicMarkdown
    /// The digest of what the notes' links could reach when they were rendered (see `RenderCache`),
    /// which is what past versions are judged by too (see `VersionCache`).
    let renderEnvironment: [UInt8]
    /// Each note's digest with its embedded notes' digests when it was rendered (see `RenderCache`):
    /// what an embed of the note shows depends on these alone, in that environment.
    let renderedDigests: [NoteID: RenderCache.Entry]
    /// What the stages found wrong, in stage order.
    let diagnostics: [Diagnostic]
    /// What `serve` keeps between its rebuilds; nil for a command that builds once, whose caches are in the store.
    private let rebuildCache: RebuildCache?

    var settings: Settings { source.settings }

    /// Lends `use` one of the caches of values made from each note (`DigestCache`), with what the last
    /// build made, and keeps what it made for the next: `serve`'s in memory, the other commands' in the store.
    func reusing<Value, Result>(_ kept: KeyPath<RebuildCache, DigestCache<Value>>,
                                _ use: (DigestCache<Value>) throws -> Result) rethrows -> Result {
        let cache = rebuildCache?[keyPath: kept] ?? Value.cache().loaded(from: source.caches)
        defer {
            if rebuildCache == nil { cache.save(to: source.caches) } else { cache.endBuild() }
        }
        return try use(cache)
    }

    /// The value made from `key`: `serve` keeps the last build's while its key is equal (see `KeptValue`).
    func keeping<Key, Value>(_ kept: KeyPath<RebuildCache, KeptValue<Key, Value>>, for key: Key, _ make: () throws -> Value) rethrows -> Value {
        try rebuildCache.map { try $0[keyPath: kept].value(for: key, make) } ?? make()
    }

    /// `cache` makes a build reuse what an earlier one of the same commons made of unchanged notes.
    init(_ source: Source, clock: StageClock, cache: RebuildCache? = nil) throws {
        let settings = source.settings
        let (notes, parseProblems) = clock.time("Parsing notes") { ParseNotes.run(source.snapshot, cache: cache?.parsed) }
        let filter = try PublishFilter(settings: settings)
        let published = clock.time("Filtering what is published") { filter.apply(notes, attachments: source.snapshot.attachments) }
        let (routes, routeProblems, links) = clock.time("Routing links") {
            let route = {
                let (routes, problems) = AssignRoutes.run(published, home: settings.home)
                return (routes, problems, LinkTables(published, routes: routes))
            }
            return cache?.linkTables.value(for: LinkTables.Inputs(published, home: settings.home), route) ?? route()
        }
        // `serve` keeps its renderings in memory; the other commands read the last build's from the store.
        let renderings = cache?.rendered ?? RenderCache.load(from: source.caches)
        let rendered = try clock.time("Rendering \(published.notes.count) notes") {
            try RenderNotes.run(published, links: links, options: settings.markdownOptions, cache: renderings, digests: cache?.parsed.digests ?? [:])
        }
        if cache == nil { renderings.save(to: source.caches) }
        let (graph, graphProblems) = clock.time("Linking notes") { BuildLinkGraph.run(rendered, kept: cache?.graph) }
        self.source = source
        rebuildCache = cache
        self.filter = filter
        self.published = published
        self.routes = routes
        self.links = links
        self.rendered = rendered
        // Set by the rendering just done.
        renderEnvironment = renderings.environmentDigest!
        renderedDigests = renderings.entries
        self.graph = graph
        publicMarkdown = PublicMarkdown(links)
        // What the path rules keep out is never published, so its problems concern no one: an Obsidian
        // `.trash/` of broken notes must not fail a check.
        let readProblems = (source.snapshot.diagnostics + parseProblems).filter { diagnostic in
            source.snapshot.contentPath(diagnostic.path).map { !filter.isExcluded($0) } ?? true
        }
        diagnostics = readProblems + routeProblems + rendered.diagnostics + graphProblems
    }

    private static func openRepository(at path: String) throws -> Repository {
        do {
            return try Repository(discoveringFrom: path)
        } catch {
            // Caught whole and rethrown: a `catch where` on a typed throw crashes the Swift 6.3 compiler.
            if error.isNotFound {
                throw BuildError("'\(path)' is not in a git repository: commons publishes the notes of a git repository (run `git init` and commit them first)")
            }
            throw error
        }
    }

    /// The history behind the build commit; for the working tree, the history behind HEAD, if any.
    /// Read only by the commands that show it.
    func readHistory(clock: StageClock) throws -> History {
        let repository = source.repository
        guard let head = source.historyHead else { return .empty }
        return try clock.time("Reading history") {
            let cache = HistoryCache(store: source.caches, contentFolder: settings.contentFolder)
            let known = cache.load()
            let walk = try repository.history(from: head, under: settings.contentFolder, known: known, isCounted: NoteID.isNote)
            cache.save(walk, keeping: known)
            return try PublicRenames.run(BuildHistory.run(walk, published: published, contentFolder: settings.contentFolder),
                                         filter: filter, repository: repository)
        }
    }

    /// What may be shown of each past version in `history` and of its diff, judged by what is
    /// published now: the stage after `readHistory` for every command that shows history. Versions
    /// the last build read in the same environment are not read again (see `VersionCache`).
    func readPastVersions(of history: History, clock: StageClock) throws -> PublishRevisions.Output {
        try clock.time("Reading past versions") {
            let environment = VersionCache.environment(renderEnvironment, settings: settings)
            let earlier = VersionCache.load(from: source.caches, environment: environment)
            let output = try PublishRevisions.run(history, settings: settings, publicMarkdown: publicMarkdown,
                                                  gitFolder: source.repository.gitFolder, earlier: earlier)
            VersionCache.save(output.found, earlier: earlier, environment: environment, to: source.caches)
            return output
        }
    }

    /// The published notes whose file differs from HEAD's, for a build of the working tree to mark.
    func uncommittedNotes() throws -> Set<NoteID> {
        let paths = try rebuildCache.map { cache in
            try cache.uncommitted.paths(of: source.repository, head: source.historyHead, readAfresh: cache.reads.takeReadAfresh(),
                                        attributeFiles: attributeFiles)
        }.map(Set.init) ?? Set(source.repository.uncommittedPaths())
        return Set(published.notes.filter { paths.contains($0.sourcePath) }.map(\.id))
    }

    /// The repository paths of the `.gitattributes` files that may rule the published notes: those of
    /// the content folder and of the folders above it.
    private var attributeFiles: [String] {
        let name = ".gitattributes"
        var above = [name]
        var folder = ""
        for segment in settings.contentFolder.split(separator: "/") {
            folder += segment + "/"
            above.append(folder + name)
        }
        let inside = source.snapshot.attachments.filter { $0.utf8.elementsEqual(name.utf8) || $0.hasSuffix("/" + name) }
        return above + inside.map(source.snapshot.repositoryPath).sorted()
    }

    private static func validated(_ settings: Settings) throws -> Settings {
        if let baseURL = settings.baseURL {
            guard let url = URLComponents(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                  url.host?.isEmpty == false else {
                throw BuildError("the base URL '\(baseURL)' must be an absolute http or https URL, like https://notes.example.org/")
            }
        }
        return settings
    }
}
