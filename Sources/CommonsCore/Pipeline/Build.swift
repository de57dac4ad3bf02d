import Foundation

/// Runs one build: read the repository, parse, filter, route, render, lay out and write the site.
public enum Build {
    /// `progress` hears the name of each stage as it starts, for a terminal display.
    public static func run(_ plan: BuildPlan, progress: @escaping (String) -> Void = { _ in }) throws -> BuildReport {
        let clock = StageClock(progress: progress)
        let source = try PublishedCommons.Source.open(plan, clock: clock)
        let settings = source.settings
        let requested = try OutputFolder.chosen(commandLine: plan.output, settings: settings, repository: source.repository)
        let lock = try OutputLock(parent: try requested.makeParent()) {
            progress("Waiting for another build writing into \(requested.path)")
        }
        // Checked again under the lock: the build that held it may have changed the folder.
        let output = try OutputFolder.chosen(commandLine: plan.output, settings: settings, repository: source.repository)

        let commons = try PublishedCommons(source, clock: clock)
        let history = try commons.readHistory(clock: clock)
        let revisionTexts = try commons.readPastVersions(of: history, clock: clock)
        let memo = PageMemo(store: source.caches, outputFolder: output.url.path)
        let site = try SiteFiles(commons, history: history, revisionTexts: revisionTexts.texts,
                                 uncommitted: plan.worktree ? try commons.uncommittedNotes() : [], memo: memo)
        let collections = try clock.time("Gathering the bundle") { try site.collectionFiles() }
        // Pages are laid out as they are written, so that the build never holds all of them.
        let files = site.pages.all() + collections + site.attachmentFiles
        let written = try clock.time("Laying out and writing \(files.count) files") {
            let written = try output.replace(with: files, reading: site.readAttachment)
            memo.save(written)
            return written
        }
        let isPage = Set(site.pages.paths)
        let pages = written.filter { isPage.contains($0.path) }

        withExtendedLifetime(lock) {}
        if plan.endsTheProcess { UntilExit.keep((source, commons, history, revisionTexts, site, files, written, isPage)) }
        return BuildReport(
            notes: commons.published.notes.count,
            renderedNotes: commons.rendered.notes.count - commons.rendered.reused,
            pages: pages.filter { $0.path.hasSuffix(".html") }.count,
            keptPages: pages.filter(\.kept).count,
            files: written.count,
            outputFolder: output.url.path,
            bundleBytes: output.size(of: ContextBundle.fileName),
            diagnostics: CheckContent.run(commons, found: site.attachmentDiagnostics + revisionTexts.diagnostics + site.mathDiagnostics),
            phases: clock.phases
        )
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
