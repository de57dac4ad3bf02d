import Foundation

/// What a build did, for the summary line and for tests.
public struct BuildReport: Sendable {
    /// One stage and how long it took, in seconds.
    public struct Phase: Sendable {
        public let name: String
        public let seconds: Double

        /// How long each stage took, on one line, for finding out what a slow run spends its time on.
        public static func line(_ phases: [Phase]) -> String {
            "Stages: " + phases.map { String(format: "%@ %.3f s", $0.name, $0.seconds) }.joined(separator: " · ")
        }
    }

    public let notes: Int
    /// The notes this build rendered; the others were taken, unchanged, from the last build's cache.
    public let renderedNotes: Int
    public let pages: Int
    /// The pages kept from the previous site, laid out from the same values as this build's.
    public let keptPages: Int
    public let files: Int
    public let outputFolder: String
    /// The size of the context bundle, `commons.json`.
    public let bundleBytes: Int?
    public let diagnostics: [Diagnostic]
    public let phases: [Phase]

    public var seconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}

extension [Diagnostic] {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
