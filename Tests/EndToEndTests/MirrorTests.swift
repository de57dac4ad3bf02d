import Foundation
import Testing
import TestSupport

/// The mirror an agent keeps of a commons, brought from ten commits back to the latest by the two
/// ways the Context bundle and MCP server pages give (Tests/bundle/check_mirror.py): over HTTP by the
/// bundle's manifest, byte for byte equal to the site's `commons.json`; and with the official MCP
/// client by `changes_since`, equal to what the server answers for every note. It prints the bytes
/// each update fetched.
@Suite struct MirrorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = root.appending(path: "Tests/bundle/check_mirror.py").path

    @Test func aMirrorTenCommitsBackIsBroughtToTheLatestByManifestAndByChangesSince() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-mirror")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = folder.appending(path: "repository").path
        let generate = try GeneratedCommons.make(at: repository)
        #expect(generate.status == 0, "\(generate.standardError)")
        let check = try Run.command(["python3", Self.checker, "--commons", CommonsBinary.url.path, "--repository", repository, "--back", "10"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("equal byte for byte") && check.standardOutput.contains("the mirror equals read_note at N"),
                "\(check.standardOutput)")
    }
}
