import ArgumentParser
import CommonsCore
import Foundation

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write the context bundle (commons.json) alone, for an agent, without building the site.",
        discussion: """
            The bundle is the one every build writes into the site, described by commons.schema.json. \
            --notes narrows it to notes matched by a git pathspec (a folder, a glob like 'journal/2026-*') \
            or by a tag ('#project', which also takes '#project/alpha'); give it several times to keep \
            notes that match any. --max-tokens keeps as many notes as fit, counting tokens as the bundle \
            does: the most linked first, or as --prefer says; a note that does not fit whole keeps its \
            first sections. Each note left out or shortened is named on standard error. Links, \
            backlinks and commits then name only notes in the bundle. Exit status: 0 written, 1 it could \
            not be (the previous file is left as it was), 64 wrong usage.
            """
    )

    @OptionGroup var source: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the bundle; - (the default) is standard output.", valueName: "file"))
    var output = "-"

    @Option(help: ArgumentHelp("Keep only notes matching this pathspec or #tag (repeatable).", valueName: "pathspec|#tag"))
    var notes: [String] = []

    @Option(help: ArgumentHelp("Keep as many notes as fit in this many tokens, in the order --prefer says; a note that does not fit whole keeps its first sections.", valueName: "n"))
    var maxTokens: Int?

    @Option(help: ArgumentHelp("Which notes --max-tokens keeps first: linked (the most linked, the default), recent (the last updated), or a pathspec or #tag, then the most linked.", valueName: "linked|recent|pathspec|#tag"))
    var prefer = "linked"

    @OptionGroup var printing: OutputOptions

    func validate() throws {
        if let maxTokens, maxTokens < 1 {
            throw ValidationError("--max-tokens must be a positive number of tokens.")
        }
        let tagCharacters = CharacterSet(charactersIn: "#/").union(.whitespaces)
        if notes.contains(where: { $0.trimmingCharacters(in: tagCharacters).isEmpty }) {
            throw ValidationError("--notes needs a pathspec or a #tag with a name.")
        }
    }

    func run() throws {
        var selection = BundleSelection()
        selection.filters = notes
        selection.maxTokens = maxTokens
        selection.preference = switch prefer {
        case "linked": .linked
        case "recent": .recent
        default: .matching([prefer])
        }
        let report = try Terminal(quiet: printing.quiet).run(failingWith: 1) { progress in
            try ExportBundle.run(source.plan, selection: selection, to: output == "-" ? .standardOutput : .file(output), progress: progress)
        }
        guard !printing.quiet else { return }
        if printing.verbose {
            for diagnostic in report.diagnostics { Terminal.printToStandardError(diagnostic.description) }
        }
        if !report.trimmed.isEmpty, let maxTokens {
            let left = report.trimmed.filter { $0.sectionsKept == nil }.count, cut = report.trimmed.count - left
            Terminal.printToStandardError("to fit \(maxTokens) tokens, left out \(left) note\(left == 1 ? "" : "s") and shortened \(cut), least preferred first:")
            for note in report.trimmed {
                let what = note.sectionsKept.map { "first \($0) section\($0 == 1 ? "" : "s") kept" } ?? "left out"
                Terminal.printToStandardError("  \(note.id) (\(what); \(note.tokens) tokens whole, \(note.connections) linked note\(note.connections == 1 ? "" : "s"))")
            }
        }
        Terminal.printToStandardError(Summary.line(report, to: output, verbose: printing.verbose))
        if printing.verbose { Terminal.printToStandardError(BuildReport.Phase.line(report.phases)) }
    }
}
