import ArgumentParser
import CommonsCore
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from a commit of the repository (HEAD by default).",
        discussion: """
            Settings come from commons.yml at the repository root, read from the same commit as the notes; \
            every option given here wins over it. Exit status: 0 built (problems in notes allowed: see commons check), 1 the build failed \
            and the previous output was left as it was, 64 wrong usage.
            """
    )

    @OptionGroup var source: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to (default: _site in the repository).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The folder of template overrides, relative to the repository root (default: site-template).", valueName: "dir"))
    var template: String?

    @Flag(help: "Pass raw HTML and javascript: URLs in notes through instead of dropping them.")
    var unsafeHTML = false

    @OptionGroup var printing: OutputOptions

    func run() throws {
        var plan = source.plan
        plan.output = output
        plan.overrides.templateFolder = template
        plan.overrides.unsafeHTML = unsafeHTML
        plan.endsTheProcess = true
        let quiet = printing.quiet, verbose = printing.verbose

        let report = try Terminal(quiet: quiet).run(failingWith: 1) { progress in try Build.run(plan, progress: progress) }
        guard !quiet else { return }
        if verbose {
            for diagnostic in report.diagnostics { Terminal.printToStandardError(diagnostic.description) }
        }
        print(Summary.line(report, verbose: verbose))
        if verbose {
            print(BuildReport.Phase.line(report.phases))
            print("Rendered \(report.renderedNotes) of \(report.notes) notes: the others and what they embed are unchanged since the last build")
            print("Kept \(report.keptPages) of \(report.pages) pages from the previous site: laid out from the same values, they are the same bytes")
        }
    }
}
