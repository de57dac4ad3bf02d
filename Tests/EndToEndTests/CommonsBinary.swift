import Foundation
import TestSupport

/// The `commons` executable that `swift test` built beside the test bundle.
enum CommonsBinary {
    static let url: URL = {
        let beside = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .deletingLastPathComponent().appending(path: "commons")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appending(path: ".build/debug/commons")
    }()

    static func run(_ arguments: [String], in folder: URL) throws -> Run.Result {
        try Run.command([url.path] + arguments, in: folder)
    }
}
