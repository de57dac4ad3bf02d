import Foundation

/// Runs the stages the context bundle needs and writes it alone, without laying out or writing the
/// site, for piping a commons into an agent.
public enum ExportBundle {
    public enum Destination: Sendable {
        case standardOutput
        /// Replaced only when the whole bundle is written.
        case file(String)
    }

    public struct Report: Sendable {
        public let notes: Int
        public let bytes: Int
        /// Its tokens, estimated as the bundle says (`TokenEstimate`).
        public let tokens: Int
        /// The build commit's short hash; nil for the working tree.
        public let commit: String?
        /// What `--max-tokens` left out or shortened, least preferred first.
        public let trimmed: [TrimmedNote]
        public let diagnostics: [Diagnostic]
        public let phases: [BuildReport.Phase]
    }

    /// The stages the bundle needs, up to its whole document, which `commons mcp` serves from memory.
    static func gather(_ plan: BuildPlan, clock: StageClock) throws -> Gathered {
        let commons = try PublishedCommons(try PublishedCommons.Source.open(plan, clock: clock), clock: clock)
        let history = try commons.readHistory(clock: clock)
        let revisions = try commons.readPastVersions(of: history, clock: clock)
        let document = clock.time("Gathering the bundle") {
            ContextBundle.document(commons, history: history, revisionTexts: revisions.texts,
                                   bodies: commons.publicMarkdown.bodies(of: commons.rendered.notes))
        }
        return Gathered(commons: commons, history: history, document: document, diagnostics: revisions.diagnostics)
    }

    struct Gathered {
        let commons: PublishedCommons
        let history: History
        let document: BundleDocument
        /// What reading past versions found: versions the repository lacks.
        let diagnostics: [Diagnostic]
    }

    public static func run(_ plan: BuildPlan, selection: BundleSelection, to destination: Destination,
                           progress: @escaping (String) -> Void = { _ in }) throws -> Report {
        let clock = StageClock(progress: progress)
        let gathered = try gather(plan, clock: clock)
        let commons = gathered.commons
        let (document, trimmed) = try SelectBundle.run(gathered.document, selection: selection)
        var bytes = 0
        var tokens = TokenEstimate()
        try clock.time("Writing the bundle") {
            let produce = { (write: ([UInt8]) throws -> Void) in
                try ContextBundle.write(document) { chunk in
                    bytes += chunk.count
                    tokens.add(utf8: chunk)
                    try write(chunk)
                }
            }
            switch destination {
            case .standardOutput: try produce { try FileHandle.standardOutput.write(contentsOf: $0) }
            case .file(let path): try AtomicFile.write(to: path, produce)
            }
        }
        let diagnostics = CheckContent.run(commons, found: gathered.diagnostics)
        return Report(notes: document.notes.count, bytes: bytes, tokens: tokens.tokens, commit: commons.source.snapshot.commit?.id.short, trimmed: trimmed,
                      diagnostics: diagnostics, phases: clock.phases)
    }
}
