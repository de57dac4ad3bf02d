@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// Bundle format 2 keeps every fact once and leaves out what can be derived: these tests write the
/// bundle of real commons, read it back as `commons mcp --bundle` does, and compare what that
/// derives with the document the build made from the repository, field by field.
@Suite struct BundleFormatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let helpVault = ProcessInfo.processInfo.environment["COMMONS_HELP_VAULT"]

    /// The document the build makes, and the one read back from what it writes.
    static func roundTrip(_ plan: BuildPlan) throws -> (built: BundleDocument, read: BundleDocument, bytes: Data) {
        let built = try AgentCommons.open(plan).0
        var bytes = Data()
        try ContextBundle.write(built) { bytes.append(contentsOf: $0) }
        return (built, try AgentCommons.decode(bundle: bytes), bytes)
    }

    /// One expectation a field, so that a failure names the note and the field that differ.
    static func expectSame(_ built: BundleDocument, _ read: BundleDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(read.provenance == built.provenance, sourceLocation: sourceLocation)
        #expect(read.notes.map(\.id) == built.notes.map(\.id), sourceLocation: sourceLocation)
        for (lhs, rhs) in zip(built.notes, read.notes) {
            func same<Value: Equatable>(_ field: String, _ value: (BundleDocument.Note) -> Value) {
                guard value(rhs) != value(lhs) else { return }
                // Where the two first differ, rather than two whole notes.
                let (built, read) = (String(describing: value(lhs)), String(describing: value(rhs)))
                let common = zip(built, read).prefix { $0 == $1 }.count
                Issue.record("\(lhs.id): \(field) built \(built.dropFirst(max(0, common - 40)).prefix(200).debugDescription), read back \(read.dropFirst(max(0, common - 40)).prefix(200).debugDescription)",
                             sourceLocation: sourceLocation)
            }
            same("url") { $0.url }
            same("title") { $0.title }
            same("path") { $0.path }
            same("aliases") { $0.aliases }
            same("tags") { $0.tags }
            // Read back with its keys in the order written, which is sorted.
            same("frontMatter") { String(decoding: try! BundleEncoder().encode($0.frontMatter), as: UTF8.self) }
            same("created") { $0.created }
            same("updated") { $0.updated }
            same("authors") { $0.authors }
            same("revisions") { $0.revisions }
            same("historyTruncated") { $0.historyTruncated }
            same("markdown") { $0.markdown }
            same("text") { $0.text }
            same("headings") { $0.headings }
            same("sections") { $0.sections }
            same("links") { $0.links }
            same("backlinks") { $0.backlinks }
            same("history") { $0.history }
            same("placedLinks") { $0.placedLinks }
            same("sectionSpans") { $0.sectionSpans }
        }
        #expect(read.unresolved == built.unresolved, sourceLocation: sourceLocation)
        #expect(read.commits == built.commits, sourceLocation: sourceLocation)
    }

    /// Each placed link starts where its link is written, so a reader can cut the text around it.
    static func expectLinksPlaced(_ document: BundleDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        for note in document.notes {
            let scalars = Array(note.markdown.unicodeScalars)
            for link in note.placedLinks {
                let start = link.offset < scalars.count ? String(String.UnicodeScalarView(scalars[link.offset...].prefix(3))) : ""
                #expect(start.hasPrefix("[") || start.hasPrefix("!["), "\(note.id): a link at \(link.offset) starts with \(start.debugDescription)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// A note's parts, as the bundle keeps them, are the cut a read of its Markdown makes, headings included.
    static func expectPartsKept(_ document: BundleDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        for note in document.notes {
            #expect(note.parts == PublishedBody(note.markdown).parts, "\(note.id)", sourceLocation: sourceLocation)
        }
    }

    @Test func theProjectsOwnDocsRoundTrip() throws {
        var plan = BuildPlan()
        plan.path = Self.root.path
        plan.overrides.contentFolder = "content"
        let (built, read, _) = try Self.roundTrip(plan)
        Self.expectSame(built, read)
        Self.expectLinksPlaced(built)
        Self.expectPartsKept(read)
    }

    @Test func aVaultAsPeopleKeepItRoundTrips() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Home.md", "Welcome. See [[Ideas]], [[Ideas#Second thoughts|the second part]] and [[Private plan]].\n%%a comment [[Ideas]]%%\n")
        try fixture.write("Ideas.md", "---\ntags: [garden, \"#Idea\"]\naliases: [Thoughts]\n---\nFirst thoughts on [[Home]]. #idea #later\n\n## Second thoughts\n\n- a list item that links [[Home|back home]] ^item\n- ![[Home]]\n\n> [!note] A callout\n> with [[Home]] inside\n")
        _ = try fixture.commitAll("Two notes")
        try fixture.write("Folder/Café ☕.md", "Ünïcode before [[Ideas]] and a [Markdown link](../Ideas.md#Second%20thoughts).\r\nCRLF lines, `code [[Home]]`, <span>html</span>\r\n\r\n# Heading\r\n\r\n| a | [[Home]] |\r\n|---|---|\r\n| b | ![[picture.png]] |\r\n")
        try fixture.write("Folder/picture.png", "not really a picture")
        try fixture.write("private/Private plan.md", "Secret, links to [[Home]].\n")
        _ = try fixture.commitAll("A folder", author: "Grace Hopper <grace@example.org>")
        try fixture.write("Ideas.md", "---\ntags: []\naliases:\n---\nFirst thoughts on [[Home]] and [[Café ☕]], twice: [[Home]].\n\n## Second thoughts\n\n- a list item that links [[Home|back home]] ^item\n")
        _ = try fixture.commitAll("Second thoughts")
        var plan = BuildPlan()
        plan.path = fixture.path
        let (built, read, bytes) = try Self.roundTrip(plan)
        Self.expectSame(built, read)
        Self.expectLinksPlaced(built)
        Self.expectPartsKept(read)
        #expect(built.notes.contains { !$0.backlinks.isEmpty }, "the fixture has backlinks to rebuild")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("Secret"))
    }

    @Test func aGeneratedCommonsRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "bundle-format-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try GeneratedCommons.make(at: folder.path)
        try #require(made.status == 0, "\(made.standardError)")
        var plan = BuildPlan()
        plan.path = folder.path
        let (built, read, _) = try Self.roundTrip(plan)
        Self.expectSame(built, read)
        Self.expectLinksPlaced(built)
        Self.expectPartsKept(read)
        #expect(built.notes.contains { $0.history.contains { $0.previousPath != nil } }, "the generator renames notes")
    }

    @Test(.enabled(if: helpVault != nil, "set COMMONS_HELP_VAULT to a clone of obsidianmd/obsidian-help"))
    func obsidiansHelpVaultRoundTrips() throws {
        var plan = BuildPlan()
        plan.path = Self.helpVault!
        plan.overrides.contentFolder = "en"
        let (built, read, _) = try Self.roundTrip(plan)
        Self.expectSame(built, read)
        Self.expectLinksPlaced(built)
        Self.expectPartsKept(read)
    }
}
