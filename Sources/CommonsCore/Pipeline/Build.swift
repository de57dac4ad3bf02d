import Foundation

/// Runs one build: read the repository, parse, filter, route, render, lay out and write the site.
public enum Build {
    /// `progress` hears the name of each stage as it starts, for a terminal display.
    public static func run(_ plan: BuildPlan, progress: @escaping (String) -> Void = { _ in }) throws -> BuildReport {
        let clock = StageClock(progress: progress)
        let source = try PublishedCommons.Source.open(plan, clock: clock)
        let settings = source.settings
        let output = OutputFolder(path: plan.output ?? (source.repository.workingDirectory.map { $0 + settings.output } ?? settings.output))
        try output.checkSafeToReplace(repositoryRoot: source.repository.workingDirectory)

        let commons = try PublishedCommons(source, clock: clock)
        let notes = commons.rendered.notes
        let history = try commons.readHistory(clock: clock)
        let revisionTexts = try clock.time("Reading past versions") {
            try PublishRevisions.run(history, settings: settings, publicMarkdown: commons.publicMarkdown, gitFolder: source.repository.gitFolder)
        }
        let tags = TagIndex(notes)
        let recent = RecentChange.latest(history)
        let template = try SiteTemplate(overrides: source.snapshot.templateOverrides, overrideFolder: settings.templateFolder)
        let site = BuildPages.Site(settings: settings, commit: source.snapshot.commit?.id.short)
        let pages = try clock.time("Laying out pages") {
            try BuildPages.run(notes, graph: commons.graph, history: history, revisionTexts: revisionTexts, recent: recent, tags: tags,
                               excluded: commons.filter.isExcluded, routes: commons.routes, site: site, template: template)
        }
        let (bundle, bodies) = clock.time("Gathering the bundle") {
            let bodies = commons.publicMarkdown.bodies(of: notes)
            return (ContextBundle.document(commons, history: history, bodies: bodies), bodies)
        }
        let files = pages
            + ContextBundle.files(bundle)
            + LLMsText.files(notes, bodies: bodies, settings: settings, home: commons.routes.home)
            + siteIndexFiles(notes, tags: tags, settings: settings)
            + [AtomFeed.file(recent, notes: notes, routes: commons.routes, settings: settings)].compactMap { $0 }
            + commons.rendered.usedAttachments.sorted().map { OutputFile(path: $0, attachment: source.snapshot.repositoryPath($0)) }
        let pageCount = pages.filter { $0.path.hasSuffix(".html") }.count
        let attachments = AttachmentReader(tree: source.tree)
        try clock.time("Writing \(files.count) files") {
            try output.replace(with: files, reading: attachments.read)
        }

        let diagnostics = CheckContent.run(commons, found: attachments.diagnostics)
        return BuildReport(
            notes: commons.published.notes.count,
            pages: pageCount,
            files: files.count,
            outputFolder: output.url.path,
            bundleBytes: output.size(of: ContextBundle.fileName),
            diagnostics: diagnostics,
            phases: clock.phases
        )
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
