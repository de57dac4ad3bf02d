import CommonsGit
import CommonsMarkdown
import Foundation

/// Runs one build: read the repository, parse, filter, route, render, lay out and write the site.
public enum Build {
    /// `progress` hears the name of each stage as it starts, for a terminal display.
    public static func run(_ plan: BuildPlan, progress: @escaping (String) -> Void = { _ in }) throws -> BuildReport {
        let clock = StageClock(progress: progress)
        let repository = try clock.time("Opening the repository") { try openRepository(at: plan.path) }
        let tree: SourceTree = plan.worktree
            ? try WorkingTree(repository: repository)
            : try CommitTree(repository: repository, revision: plan.revision ?? "HEAD")
        let snapshot = try clock.time("Reading files") {
            try ReadRepository.run(tree, overrides: plan.overrides, outputFolder: nil)
        }
        let settings = try validated(snapshot.settings)
        let output = OutputFolder(path: plan.output ?? (repository.workingDirectory.map { $0 + settings.output } ?? settings.output))
        try output.checkSafeToReplace(repositoryRoot: repository.workingDirectory)

        let (notes, parseProblems) = clock.time("Parsing notes") { ParseNotes.run(snapshot) }
        let filter = try PublishFilter(settings: settings)
        let published = filter.apply(notes, attachments: snapshot.attachments)
        let (routes, routeProblems) = AssignRoutes.run(published)
        let rendered = try clock.time("Rendering \(published.notes.count) notes") {
            try RenderNotes.run(published, routes: routes, options: MarkdownOptions(unsafeHTML: settings.unsafeHTML))
        }
        let (graph, graphProblems) = clock.time("Linking notes") { BuildLinkGraph.run(rendered) }
        let (history, historyProblems) = try clock.time("Reading history") {
            try readHistory(repository, commit: snapshot.commit, published: published, contentFolder: settings.contentFolder)
        }
        let publicMarkdown = PublicMarkdown(published, routes: routes)
        let revisionTexts = try clock.time("Reading past versions") {
            try PublishRevisions.run(history, settings: settings, publicMarkdown: publicMarkdown, gitFolder: repository.gitFolder)
        }
        let tags = TagIndex(rendered.notes)
        let recent = RecentChange.latest(history)
        let template = try SiteTemplate(overrides: snapshot.templateOverrides, overrideFolder: settings.templateFolder)
        let site = BuildPages.Site(settings: settings, commit: snapshot.commit?.id.short)
        let pages = try clock.time("Laying out pages") {
            try BuildPages.run(rendered.notes, graph: graph, history: history, revisionTexts: revisionTexts, recent: recent, tags: tags, excluded: filter.isExcluded,
                               routes: routes, site: site, template: template)
        }
        let (bundle, bodies) = clock.time("Gathering the bundle") {
            let bodies = publicMarkdown.bodies(of: rendered.notes)
            return (ContextBundle.document(.init(notes: rendered.notes, bodies: bodies, graph: graph, history: history, publicMarkdown: publicMarkdown,
                                                 settings: settings, commit: snapshot.commit, excluded: filter.isExcluded)), bodies)
        }
        let files = pages
            + ContextBundle.files(bundle)
            + LLMsText.files(rendered.notes, bodies: bodies, settings: settings, home: routes.home)
            + siteIndexFiles(rendered.notes, tags: tags, settings: settings)
            + [AtomFeed.file(recent, notes: rendered.notes, routes: routes, settings: settings)].compactMap { $0 }
            + rendered.usedAttachments.sorted().map { OutputFile(path: $0, attachment: snapshot.repositoryPath($0)) }
        let pageCount = pages.filter { $0.path.hasSuffix(".html") }.count
        let attachments = AttachmentReader(tree: tree)
        try clock.time("Writing \(files.count) files") {
            try output.replace(with: files, reading: attachments.read)
        }

        var diagnostics = snapshot.diagnostics + parseProblems + routeProblems + rendered.diagnostics + graphProblems + historyProblems + attachments.diagnostics
            + AttachmentClashes.diagnostics(rendered.usedAttachments.sorted(), repositoryPath: snapshot.repositoryPath)
        if settings.baseURL == nil {
            diagnostics.append(Diagnostic(path: ConfigFile.name, message: "no base URL (base_url or --base-url): sitemap.xml and canonical links are left out", rule: "base-url"))
        }
        return BuildReport(
            notes: published.notes.count,
            pages: pageCount,
            files: files.count,
            outputFolder: output.url.path,
            bundleBytes: output.size(of: ContextBundle.fileName),
            diagnostics: diagnostics,
            phases: clock.phases
        )
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
    private static func readHistory(_ repository: Repository, commit: CommitInfo?, published: PublishedNotes, contentFolder: String) throws -> (History, [Diagnostic]) {
        guard let head = commit?.id ?? (repository.isHeadUnborn ? nil : try? repository.resolveCommit("HEAD")) else { return (.empty, []) }
        let cache = HistoryCache(gitFolder: repository.gitFolder, contentFolder: contentFolder)
        let known = cache.load()
        let walk = try repository.history(from: head, under: contentFolder, known: known)
        cache.save(walk, keeping: known)
        return BuildHistory.run(walk, published: published, contentFolder: contentFolder, isShallow: repository.isShallow)
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

    private static func siteIndexFiles(_ notes: [RenderedNote], tags: TagIndex, settings: Settings) -> [OutputFile] {
        var files = [SiteIndexFiles.robots(baseURL: settings.baseURL)]
        if let baseURL = settings.baseURL {
            let paths = Set(notes.map(\.pagePath)).union(["", "all-notes/", "tags/", "recent-changes/"]).union(tags.tags.map(\.pagePath))
            files.append(SiteIndexFiles.sitemap(pagePaths: Array(paths), baseURL: baseURL))
        }
        return files
    }
}

/// Times each stage for the report, and announces it.
final class StageClock {
    let progress: (String) -> Void
    private(set) var phases: [BuildReport.Phase] = []

    init(progress: @escaping (String) -> Void) {
        self.progress = progress
    }

    func time<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        progress(name)
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        phases.append(.init(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }
}
