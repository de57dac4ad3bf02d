import ArgumentParser
import CommonsCore

/// The options that say what to publish, shared by every command that reads the notes.
struct SourceOptions: ParsableArguments {
    @Argument(help: "A folder inside the git repository of notes.")
    var path = "."

    @Option(help: ArgumentHelp("The commit to build: a branch, tag, hash or expression like HEAD~2.", valueName: "rev"))
    var rev: String?

    @Flag(help: "Build the working directory instead of a commit, uncommitted edits included.")
    var worktree = false

    @Option(help: ArgumentHelp("The absolute URL the site is served from, e.g. https://notes.example.org/.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Where the repository is browsed online (GitHub, Gitea); commit hashes link there.", valueName: "url"))
    var repoURL: String?

    @Option(help: ArgumentHelp("Publish only the notes in this folder of the repository.", valueName: "dir"))
    var content: String?

    @Option(help: "The site's title.")
    var title: String?

    @Option(help: ArgumentHelp("Never publish paths matching this git pathspec (repeatable).", valueName: "pattern"))
    var exclude: [String] = []

    @Flag(help: "Publish notes marked `draft: true`.")
    var drafts = false

    @Option(help: ArgumentHelp("Keep the build cache in this folder instead of .git/commons (e.g. one CI keeps between runs).", valueName: "dir"))
    var cacheDir: String?

    func validate() throws {
        if worktree && rev != nil {
            throw ValidationError("--worktree builds the working directory, so it cannot be combined with --rev.")
        }
    }

    /// The plan these options ask for; settings not given here come from `commons.yml`.
    var plan: BuildPlan {
        var plan = BuildPlan()
        plan.path = path
        plan.revision = rev
        plan.worktree = worktree
        plan.overrides.title = title
        plan.overrides.baseURL = baseURL
        plan.overrides.repoURL = repoURL
        plan.overrides.contentFolder = content
        plan.overrides.exclude = exclude
        plan.overrides.drafts = drafts
        plan.cacheFolder = cacheDir
        return plan
    }
}

/// How much a command prints besides its result.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only the result and errors: no progress, no summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every problem in the notes, not only their count, and how long each stage took.")
    var verbose = false

    func validate() throws {
        if quiet && verbose {
            throw ValidationError("--quiet and --verbose ask for opposite things; choose one.")
        }
    }
}
