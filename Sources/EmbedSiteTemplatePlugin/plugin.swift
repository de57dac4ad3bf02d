import Foundation
import PackagePlugin

/// Compiles the top-level `site-template/` folder into the CommonsCore module, so that the installed
/// `commons` binary carries its default theme and works from any directory.
@main
struct EmbedSiteTemplate: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templateFolder = context.package.directoryURL.appending(path: "site-template")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSiteTemplate.swift")
        return [
            .buildCommand(
                displayName: "Embedding site-template/",
                executable: try context.tool(named: "site-template-embedder").url,
                arguments: [templateFolder.path(), output.path()],
                inputFiles: files(under: templateFolder),
                outputFiles: [output]
            )
        ]
    }

    private func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}
