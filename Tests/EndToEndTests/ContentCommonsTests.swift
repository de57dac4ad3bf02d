import Foundation
import Testing
import TestSupport

/// This repository's own documentation is a commons: it must build cleanly and use what it documents.
@Suite struct ContentCommonsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theDocumentationBuildsWithoutWarningsAndUsesObsidianSyntax() throws {
        let output = try TemporaryFolder.make(prefix: "commons-content")
        defer { try? FileManager.default.removeItem(at: output) }
        let site = output.appending(path: "site")
        let result = try CommonsBinary.run(["build", "--worktree", "-v", "--base-url", "https://commons.example.org/", "-o", site.path], in: Self.repository)
        #expect(result.status == 0, "\(result.standardError)")
        // A shallow clone of this repository (as some CI systems make) is warned about, and rightly so.
        let warnings = result.standardError.split(separator: "\n").filter { !$0.hasSuffix("[shallow-history]") }
        #expect(warnings.isEmpty, "warnings in content/:\n\(warnings.joined(separator: "\n"))")

        let pages = try SiteFiles.all(in: site).filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(pages.values.contains { $0.contains("class=\"wikilink\"") })
        #expect(pages.values.contains { $0.contains("<div class=\"embed\">") })
        #expect(pages.values.contains { $0.contains("class=\"callout\"") })
        #expect(pages.values.contains { $0.contains("<a class=\"tag\"") })
        #expect(pages.keys.filter { $0.hasPrefix("tags/") }.count > 5)
        let notesWithBacklinks = pages.filter { $0.value.contains("<section class=\"backlinks\"") }
        #expect(notesWithBacklinks.count >= 10, "only \(notesWithBacklinks.keys.sorted()) show backlinks")
    }
}
