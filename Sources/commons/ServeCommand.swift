import ArgumentParser
import CommonsCore
import CommonsServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the working directory's site, rebuilding it and reloading open pages on every change.",
        discussion: """
            The site is built into memory, uncommitted edits included (each such page says so), with the server's address as its \
            base URL; nothing is written to disk. A failed build is shown in the browser until a fixed file builds again. \
            With --rev, serves that commit instead, rebuilt when the revision moves. Exit status: 0 stopped by Ctrl-C or SIGTERM, \
            1 the server could not start, 64 wrong usage.
            """
    )

    @OptionGroup var source: SourceOptions

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 4000

    @Option(help: ArgumentHelp("The address to listen on; 0.0.0.0 serves every network this machine is on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The folder of template overrides, relative to the repository root (default: site-template).", valueName: "dir"))
    var template: String?

    @Flag(help: "Pass raw HTML and javascript: URLs in notes through instead of dropping them.")
    var unsafeHTML = false

    @Flag(name: .shortAndLong, help: "After each build, print how long each stage took.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
    }

    func run() async throws {
        var plan = source.plan
        plan.worktree = source.rev == nil
        plan.overrides.templateFolder = template
        plan.overrides.unsafeHTML = unsafeHTML
        do {
            try await Serve.run(plan, host: host, port: port, verbose: verbose, log: { Terminal.printToStandardError($0) })
        } catch {
            Terminal.printError(error)
            throw ExitCode(1)
        }
    }
}
