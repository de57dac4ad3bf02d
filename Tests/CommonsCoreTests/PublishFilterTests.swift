@testable import CommonsCore
import Testing

@Suite struct PublishFilterTests {
    func note(_ path: String, _ frontMatter: String = "") -> Note {
        ParseNotes.parse(frontMatter.isEmpty ? "Body" : "---\n\(frontMatter)\n---\nBody", id: NoteID(path: path), sourcePath: path).0
    }

    func published(_ notes: [Note], _ configure: (inout Settings) -> Void = { _ in }) throws -> [String] {
        var settings = Settings()
        configure(&settings)
        return try PublishFilter(settings: settings).apply(notes, attachments: []).notes.map(\.id.path)
    }

    @Test func publicByDefaultUnlessANoteOptsOut() throws {
        let notes = [
            note("a.md"),
            note("b.md", "publish: false"),
            note("c.md", "private: true"),
            note("d.md", "draft: true"),
            note("e.md", "publish: true"),
        ]
        #expect(try published(notes) == ["a.md", "e.md"])
        #expect(try published(notes) { $0.drafts = true } == ["a.md", "d.md", "e.md"])
    }

    @Test func aPrivateDefaultPublishesOnlyWhatAsks() throws {
        let notes = [note("a.md"), note("b.md", "publish: true"), note("c.md", "publish: true\nprivate: true")]
        #expect(try published(notes) { $0.defaultVisibility = .private } == ["b.md"])
    }

    @Test func pathRulesWinOverFrontMatter() throws {
        let notes = [
            note(".obsidian/workspace.md", "publish: true"),
            note("notes/.hidden/x.md"),
            note("private/diary.md", "publish: true"),
            note("drafts/idea.md"),
            note("notes/ok.md"),
        ]
        #expect(try published(notes) { $0.exclude += ["drafts"] } == ["notes/ok.md"])
    }

    @Test func unreadableFrontMatterIsNeverPublished() throws {
        let notes = [note("a.md", "private: [true"), note("b.md", "publish: true\nbad: [: :"), note("c.md")]
        #expect(try published(notes) == ["c.md"])
    }

    @Test func attachmentsUnderExcludedPathsAreNotPublishable() throws {
        let result = try PublishFilter(settings: Settings()).apply([], attachments: ["private/scan.png", "img/a.png", ".trash/b.png"])
        #expect(result.attachments == ["img/a.png"])
    }
}
