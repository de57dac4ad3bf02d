import CommonsGit
import Foundation

/// What one build of a commons leaves for the next build of the same commons.
final class RebuildCache {
    let reads = WorkingTreeReads()
    let parsed = ParseCache()
    let rendered = RenderCache()
    let bodies = PublishedBody.cache()
    let searchWords = NoteSearch.NoteWords.cache()
    /// The routes and link tables, with the routes' problems.
    let linkTables = KeptValue<LinkTables.Inputs, (Routes, [Diagnostic], LinkTables)>()
    let graph = KeptLinkGraph()
    let tags = KeptValue<TagIndex.Inputs, TagIndex>()
    let order = KeptValue<NoteOrder.Inputs, NoteOrder>()
    let template = KeptValue<SiteTemplate.Inputs, SiteTemplate>()
    let uncommitted = KeptUncommittedPaths()
}

/// Builds a commons into memory again and again, for `serve`. Each build parses and renders only the
/// notes an edit touched (and the notes embedding them), reads the history again only when HEAD or
/// what is published changed, and lays out no page until a browser asks for it.
public final class LiveBuild {
    private let plan: BuildPlan
    private let cache = RebuildCache()
    private var lastInputs: (snapshot: Snapshot, head: ObjectID?)?
    private var history: (key: HistoryKey, history: History, revisions: PublishRevisions.Output, recent: [RecentChange])?

    private struct HistoryKey: Equatable {
        let head: ObjectID?
        let settings: Settings
        let environment: RenderCache.Environment
    }

    public init(_ plan: BuildPlan) {
        self.plan = plan
    }

    /// Builds the site as the tree is now; nil when nothing the build reads has changed since the last
    /// build. A failed build leaves the next one to start afresh.
    public func build() throws -> LiveSite? {
        let start = DispatchTime.now().uptimeNanoseconds
        let clock = StageClock(progress: { _ in })
        let source = try PublishedCommons.Source.open(plan, clock: clock, reads: cache.reads)
        cache.reads.endBuild()
        let head = source.historyHead
        if let lastInputs, lastInputs.snapshot == source.snapshot, lastInputs.head == head { return nil }
        lastInputs = nil

        let commons = try PublishedCommons(source, clock: clock, cache: cache)
        // Set by the rendering just done.
        let key = HistoryKey(head: head, settings: source.settings, environment: cache.rendered.environment!)
        // Past versions are judged by what is published now (a link to a note made private since is
        // dropped from them too), so they are read again whenever that changes.
        if history?.key != key {
            let history = try commons.readHistory(clock: clock)
            let revisions = try commons.readPastVersions(of: history, clock: clock)
            self.history = (key, history, revisions, RecentChange.latest(history))
        }
        let site = try clock.time("Finding the site's pages") {
            try SiteFiles(commons, history: history!.history, revisionTexts: history!.revisions.texts, recent: history!.recent,
                          uncommitted: plan.worktree ? try commons.uncommittedNotes() : [])
        }
        lastInputs = (source.snapshot, head)
        let diagnostics = clock.time("Checking") { CheckContent.run(commons, found: history!.revisions.diagnostics) }
        let errors = diagnostics.filter { $0.severity == .error }
        let publishedPaths = Set(commons.published.notes.map(\.sourcePath))
        return LiveSite(
            files: site,
            notes: commons.published.notes.count,
            renderedNotes: commons.published.notes.count - commons.rendered.reused,
            diagnostics: diagnostics,
            errors: errors,
            publishedErrors: errors.filter { publishedPaths.contains($0.path) },
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            phases: clock.phases
        )
    }
}

/// One build of `LiveBuild`: the site, its pages laid out as they are asked for.
public struct LiveSite: Sendable {
    private let files: SiteFiles
    /// How many notes are published.
    public let notes: Int
    /// How many of them this build rendered; the others were unchanged and taken from the last build.
    public let renderedNotes: Int
    public let diagnostics: [Diagnostic]
    /// The diagnostics of severity error, kept apart because every served page counts them.
    public let errors: [Diagnostic]
    /// The errors in published notes: the ones a page may show to whoever can reach the server. The
    /// others name or quote what is not published.
    public let publishedErrors: [Diagnostic]
    public let seconds: Double
    /// How long each stage of the build took; pages are laid out later, when asked for.
    public let phases: [BuildReport.Phase]

    init(files: SiteFiles, notes: Int, renderedNotes: Int, diagnostics: [Diagnostic], errors: [Diagnostic], publishedErrors: [Diagnostic],
         seconds: Double, phases: [BuildReport.Phase]) {
        (self.files, self.notes, self.renderedNotes, self.diagnostics, self.errors) = (files, notes, renderedNotes, diagnostics, errors)
        (self.publishedErrors, self.seconds, self.phases) = (publishedErrors, seconds, phases)
    }

    /// The page every site has for paths it does not have.
    public static let notFoundPath = "404.html"

    /// The bytes of the site's file at `path` (no leading `/`, `index.html` spelled out); nil when the
    /// site has no file there.
    public func bytes(at path: String) throws -> [UInt8]? {
        try files.bytes(at: path)
    }

    /// Every path of the site; it makes every file made from all notes at once.
    func allPaths() throws -> [String] {
        try files.allPaths()
    }
}
