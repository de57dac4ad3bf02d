import CommonsCore
import Foundation

/// Progress for people at a terminal; silent when output goes to a file or a pipe.
struct Terminal {
    let showsProgress: Bool

    init(quiet: Bool) {
        showsProgress = !quiet && isatty(STDERR_FILENO) == 1
    }

    var showProgress: (String) -> Void {
        guard showsProgress else { return { _ in } }
        return { stage in Self.writeToStandardError("\r\u{1B}[K\(stage)…") }
    }

    func clearProgress() {
        if showsProgress { Self.writeToStandardError("\r\u{1B}[K") }
    }

    static func printError(_ error: Error) {
        let text = "\(error)"
        printToStandardError(text.contains(": error: ") || text.hasPrefix("error: ") ? text : "error: \(text)")
    }

    static func printToStandardError(_ line: String) {
        writeToStandardError(line + "\n")
    }

    private static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

enum Summary {
    static func line(_ report: BuildReport, verbose: Bool) -> String {
        var line = "Built \(report.notes) notes into \(report.pages) pages (\(report.files) files) in \(report.outputFolder)"
        line += String(format: " in %.2f s", report.seconds)
        if let bytes = report.bundleBytes {
            line += "; bundle commons.json " + ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        }
        return line + warnings(report.warnings, verbose: verbose)
    }

    static func line(_ report: ExportBundle.Report, to output: String, verbose: Bool) -> String {
        var line = "Bundled \(report.notes) note\(report.notes == 1 ? "" : "s")"
        if let commit = report.commit { line += " of \(commit)" }
        line += " (" + ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file) + ", about \(report.tokens) tokens)"
        if output != "-" { line += " into \(output)" }
        line += warnings(report.diagnostics.count, verbose: verbose)
        return line
    }

    private static func warnings(_ count: Int, verbose: Bool) -> String {
        guard count > 0 else { return "" }
        return ", \(count) warning\(count == 1 ? "" : "s")" + (verbose ? "" : " (--verbose lists them)")
    }

    /// How long each stage took, for finding out what a slow run spends its time on.
    static func stages(_ phases: [BuildReport.Phase]) -> String {
        "Stages: " + phases.map { String(format: "%@ %.3f s", $0.name, $0.seconds) }.joined(separator: " · ")
    }
}
