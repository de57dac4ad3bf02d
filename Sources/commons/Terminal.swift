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
        if report.warnings > 0 {
            line += ", \(report.warnings) warning\(report.warnings == 1 ? "" : "s")"
            if !verbose { line += " (--verbose lists them)" }
        }
        return line
    }

    /// How long each stage took, for finding out what a slow build spends its time on.
    static func stages(_ report: BuildReport) -> String {
        "Stages: " + report.phases.map { String(format: "%@ %.3f s", $0.name, $0.seconds) }.joined(separator: " · ")
    }
}
