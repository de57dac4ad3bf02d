import ArgumentParser
import CommonsCore
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from a commit of the repository (HEAD by default).",
        discussion: """
            Settings come from commons.yml at the repository root, read from the same commit as the notes; \
            every option given here wins over it. Exit status: 0 built (warnings allowed), 1 the build failed \
            and the previous output was left as it was, 64 wrong usage.
            """
    )

    @Argument(help: "A folder inside the git repository of notes.")
    var path = "."

    @Option(help: ArgumentHelp("The commit to build: a branch, tag, hash or expression like HEAD~2.", valueName: "rev"))
    var rev: String?

    @Flag(help: "Build the working directory instead of a commit, uncommitted edits included.")
    var worktree = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to (default: _site in the repository).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The absolute URL the site is served from, e.g. https://notes.example.org/.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Where the repository is browsed online (GitHub, Gitea); commit hashes link there.", valueName: "url"))
    var repoURL: String?

    @Option(help: ArgumentHelp("Publish only the notes in this folder of the repository.", valueName: "dir"))
    var content: String?

    @Option(help: "The site's title.")
    var title: String?

    @Option(help: ArgumentHelp("The folder of template overrides, relative to the repository root (default: site-template).", valueName: "dir"))
    var template: String?

    @Option(help: ArgumentHelp("Never publish paths matching this git pathspec (repeatable).", valueName: "pattern"))
    var exclude: [String] = []

    @Flag(help: "Publish notes marked `draft: true`.")
    var drafts = false

    @Flag(help: "Pass raw HTML and javascript: URLs in notes through instead of dropping them.")
    var unsafeHTML = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every warning, not only their count.")
    var verbose = false

    func validate() throws {
        if worktree && rev != nil {
            throw ValidationError("--worktree builds the working directory, so it cannot be combined with --rev.")
        }
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose ask for opposite things; choose one.")
        }
    }

    func run() throws {
        var plan = BuildPlan()
        plan.path = path
        plan.revision = rev
        plan.worktree = worktree
        plan.output = output
        plan.overrides.title = title
        plan.overrides.baseURL = baseURL
        plan.overrides.repoURL = repoURL
        plan.overrides.contentFolder = content
        plan.overrides.templateFolder = template
        plan.overrides.exclude = exclude
        plan.overrides.drafts = drafts
        plan.overrides.unsafeHTML = unsafeHTML

        let terminal = Terminal(quiet: quiet)
        let report: BuildReport
        do {
            report = try Build.run(plan, progress: terminal.showProgress)
        } catch {
            terminal.clearProgress()
            Terminal.printError(error)
            throw ExitCode(1)
        }
        terminal.clearProgress()
        guard !quiet else { return }
        if verbose {
            for diagnostic in report.diagnostics { Terminal.printToStandardError(diagnostic.description) }
        }
        print(Summary.line(report, verbose: verbose))
        if verbose { print(Summary.stages(report)) }
    }
}
