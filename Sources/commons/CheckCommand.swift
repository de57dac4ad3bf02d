import ArgumentParser
import CommonsCore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report the problems of the notes, as a compiler does, without writing anything.",
        discussion: """
            Runs the stages of a build up to the link graph and prints each problem as \
            path:line:column: error|warning: message [rule]. `commons build` finds the same problems \
            and counts them in its summary. Exit status: 0 no errors (and no warnings with --strict), \
            1 there are, 2 the check could not run, 64 wrong usage.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var source: SourceOptions

    @Option(help: "text: one line per problem, then a summary; json: one document, described in the Diagnostics note.")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: ArgumentHelp("Turn on a rule that is off by default (repeatable): \(Self.optInRules).", valueName: "rule"))
    var enable: [String] = []

    @OptionGroup var printing: OutputOptions

    private static let optInRules = Rule.allCases.filter(\.isOptIn).map(\.rawValue).joined(separator: ", ")

    func validate() throws {
        for name in enable where Rule(rawValue: name)?.isOptIn != true {
            let known = Rule(rawValue: name) != nil ? "'\(name)' is always on" : "there is no rule '\(name)'"
            throw ValidationError("--enable: \(known); rules off by default: \(Self.optInRules).")
        }
    }

    func run() throws {
        let (report, json) = try Terminal(quiet: printing.quiet || format == .json).run(failingWith: 2) { progress in
            let report = try Check.run(source.plan, enabled: Set(enable.compactMap(Rule.init(rawValue:))), progress: progress)
            return (report, format == .json ? try CheckJSON.text(report) : nil)
        }
        if let json {
            print(json)
        } else {
            for diagnostic in report.diagnostics { print(diagnostic.description) }
            if !printing.quiet { print("Checked \(report.notes) note\(report.notes == 1 ? "" : "s"): \(Summary.counts(report.diagnostics))") }
        }
        if printing.verbose { Terminal.printToStandardError(BuildReport.Phase.line(report.phases)) }
        let failing = report.diagnostics.errorCount + (strict ? report.diagnostics.warningCount : 0)
        if failing > 0 { throw ExitCode(1) }
    }
}

/// The JSON shape of `commons check --format json`, documented in the Diagnostics note: keys sorted,
/// problems in file order, positions left out where there are none.
enum CheckJSON {
    struct Document: Encodable {
        let version = 1
        let notes: Int
        let errors: Int
        let warnings: Int
        let diagnostics: [Problem]
    }

    struct Problem: Encodable {
        let path: String
        let line: Int?
        let column: Int?
        let severity: String
        let rule: String
        let message: String
    }

    static func text(_ report: Check.Report) throws -> String {
        let document = Document(
            notes: report.notes, errors: report.diagnostics.errorCount, warnings: report.diagnostics.warningCount,
            diagnostics: report.diagnostics.map {
                Problem(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, rule: $0.rule.rawValue, message: $0.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
