import ArgumentParser
import CommonsCore
import CommonsMCP

struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the published notes to an AI agent as a Model Context Protocol server over standard input and output.",
        discussion: """
            An MCP client (an agent, an editor) starts this command and talks to it on standard input and output; messages \
            for people go to standard error. The tools search the notes, read them, follow links and backlinks, read their \
            history and past versions, and list what changed since a commit; each note is also a resource, \
            commons://note/<id>. Only published notes are served, exactly as on the site. With --bundle, serves a \
            commons.json from a file or an http(s) URL instead of a repository (past versions and diffs need the \
            repository). Exit status: 0 the client closed standard input and every request has its answer, 1 the \
            commons could not be read, 64 wrong usage.
            """
    )

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("Serve this commons.json (a file or an http(s) URL) instead of a git repository.", valueName: "path|url"))
    var bundle: String?

    func validate() throws {
        if bundle != nil && source.plan != BuildPlan() {
            throw ValidationError("--bundle serves a bundle as it was published, so it takes no repository and no publish options (--rev, --worktree, --content, --exclude, ...).")
        }
    }

    func run() async throws {
        do {
            try await CommonsMCPServer.run(bundle.map { .bundle($0) } ?? .repository(source.plan), log: { Terminal.printToStandardError($0) })
        } catch {
            Terminal.printError(error)
            throw ExitCode(1)
        }
    }
}
