/// Runs the stages up to the link graph and reports every problem of the content, writing nothing:
/// `commons check`, for authors, editors and CI.
public enum Check {
    public struct Report: Sendable {
        public let notes: Int
        /// In file order.
        public let diagnostics: [Diagnostic]
        public let phases: [BuildReport.Phase]
    }

    /// `enabled` turns on rules that are off by default.
    public static func run(_ plan: BuildPlan, enabled: Set<Rule> = [], progress: @escaping (String) -> Void = { _ in }) throws -> Report {
        let clock = StageClock(progress: progress)
        let commons = try PublishedCommons(try PublishedCommons.Source.open(plan, clock: clock), clock: clock)
        // Attachments are read as the build reads them to copy them, which is when an LFS pointer shows.
        let attachments = AttachmentReader(tree: commons.source.tree)
        try clock.time("Reading attachments") {
            for path in commons.rendered.usedAttachments.sorted() {
                _ = try attachments.read(commons.source.snapshot.repositoryPath(path))
            }
        }
        return Report(notes: commons.published.notes.count, diagnostics: CheckContent.run(commons, found: attachments.diagnostics, enabled: enabled),
                      phases: clock.phases)
    }
}
