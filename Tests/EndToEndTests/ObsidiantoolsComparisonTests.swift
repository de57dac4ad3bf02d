import Foundation
import Testing
import TestSupport

/// The links commons publishes agree with obsidiantools, an independent reader of Obsidian vaults, on a
/// generated vault that uses every link form (see Tests/obsidian/compare_links.py for the documented
/// differences it allows).
@Suite struct ObsidiantoolsComparisonTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "obsidian/compare_links.py")

    static func generateVault(seed: UInt64, notes count: Int) throws -> FixtureRepository {
        var random = SplitMix(seed: seed)
        let fixture = try FixtureRepository()
        let folders = ["", "Projects/", "Journal/2024/", "People/"]
        let notes = (0..<count).map { index in (folder: folders[index % folders.count], name: "Note \(index)") }
        func pick() -> (folder: String, name: String) { notes[Int(random.next() % UInt64(notes.count))] }
        for (index, note) in notes.enumerated() {
            var lines = ["# \(note.name)", "", "## Details", ""]
            for _ in 0..<(2 + Int(random.next() % 5)) {
                let target = pick()
                switch random.next() % 9 {
                case 0: lines.append("A link to [[\(target.name)]] in a sentence.")
                case 1: lines.append("- shown as [[\(target.name.lowercased())|another name]]")
                case 2: lines.append("Into a heading: [[\(target.name)#Details]].")
                case 3: lines.append("By path: [[\(target.folder)\(target.name)]]")
                case 4: lines += ["", "![[\(target.name)]]", ""]
                case 5:
                    let up = String(repeating: "../", count: note.folder.split(separator: "/").count)
                    let path = (up + target.folder + target.name + ".md").replacingOccurrences(of: " ", with: "%20")
                    lines.append("A Markdown link: [\(target.name)](\(path)).")
                case 6: lines.append("Not a link: `[[\(target.name)]]` in code.")
                case 7: lines += ["```", "[[\(target.name)]]", "```"]
                default: lines.append("Wanted: [[Missing \(index)]].")
                }
            }
            try fixture.write(note.folder + note.name + ".md", lines.joined(separator: "\n") + "\n")
        }
        try fixture.commitAll("A generated vault")
        return fixture
    }

    @Test func linksAgreeWithObsidiantools() throws {
        let fixture = try Self.generateVault(seed: 7, notes: 40)
        try Self.compare(vault: fixture.url, siteIn: fixture.enclosingFolder)
    }

    /// A real vault, such as a clone of Obsidian's own help notes, when one is named: it is not
    /// available offline, so the test runs only where COMMONS_OBSIDIAN_VAULT points at a git clone.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COMMONS_OBSIDIAN_VAULT"] != nil))
    func linksAgreeWithObsidiantoolsOnARealVault() throws {
        let vault = URL(fileURLWithPath: ProcessInfo.processInfo.environment["COMMONS_OBSIDIAN_VAULT"] ?? "")
        let output = try TemporaryFolder.make(prefix: "commons-real-vault")
        defer { try? FileManager.default.removeItem(at: output) }
        try Self.compare(vault: vault, siteIn: output, minimumLinks: 1)
    }

    static func compare(vault: URL, siteIn folder: URL, minimumLinks: Int = 60) throws {
        let site = folder.appending(path: "site")
        #expect(try CommonsBinary.run(["build", "-q", "-o", site.path], in: vault).status == 0)
        let result = try Run.command(["python3", script.path, vault.path, site.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("links agree with obsidiantools\n"))
        #expect((Int(result.standardOutput.prefix { $0.isNumber }) ?? 0) >= minimumLinks, "too few links to compare")
    }
}
