import ArgumentParser
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

    /// Runs a command's work with progress shown; a failure is printed as one line and exits with `code`.
    func run<Result>(failingWith code: Int32, _ work: (_ progress: @escaping (String) -> Void) throws -> Result) throws -> Result {
        do {
            let result = try work(showProgress)
            clearProgress()
            return result
        } catch {
            clearProgress()
            Self.printError(error)
            throw ExitCode(code)
        }
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
        return line + problems(report.diagnostics, verbose: verbose)
    }

    static func line(_ report: ExportBundle.Report, to output: String, verbose: Bool) -> String {
        var line = "Bundled \(report.notes) note\(report.notes == 1 ? "" : "s")"
        if let commit = report.commit { line += " of \(commit)" }
        line += " (" + ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file) + ", about \(report.tokens) tokens)"
        if output != "-" { line += " into \(output)" }
        line += problems(report.diagnostics, verbose: verbose)
        return line
    }

    private static func problems(_ diagnostics: [Diagnostic], verbose: Bool) -> String {
        guard !diagnostics.isEmpty else { return "" }
        return ", " + counts(diagnostics) + (verbose ? "" : " (--verbose lists them)")
    }

    /// "2 errors, 1 warning", leaving out a kind there is none of.
    static func counts(_ diagnostics: [Diagnostic]) -> String {
        let kinds = [(diagnostics.errorCount, "error"), (diagnostics.warningCount, "warning")].filter { $0.0 > 0 }
        guard !kinds.isEmpty else { return "no problems" }
        return kinds.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
    }
}
