import ArgumentParser
import CommonsCore

@main
struct Commons: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commons",
        abstract: "Publish a git repository of Markdown notes as a static website.",
        version: CommonsVersion.current,
        subcommands: [BuildCommand.self, BundleCommand.self, CheckCommand.self, ServeCommand.self, McpCommand.self],
        defaultSubcommand: nil
    )
}
