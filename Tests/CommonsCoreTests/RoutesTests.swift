@testable import CommonsCore
import Testing

@Suite struct RoutesTests {
    func routes(_ paths: [String]) throws -> (Routes, [Diagnostic]) {
        let notes = paths.map { ParseNotes.parse("Body", id: NoteID(path: $0), sourcePath: $0).0 }
        return AssignRoutes.run(try PublishFilter(settings: Settings()).apply(notes.sorted { $0.id < $1.id }, attachments: []))
    }

    @Test func prettyURLsFromPaths() throws {
        let (routes, problems) = try routes(["Folder/My Note.md", "b.md"])
        #expect(routes.path(of: NoteID(path: "Folder/My Note.md")) == "folder/my-note/")
        #expect(routes.path(of: NoteID(path: "b.md")) == "b/")
        #expect(routes.home == nil)
        #expect(problems.isEmpty)
    }

    @Test func indexWinsOverReadmeAsTheHomePage() throws {
        let (routes, _) = try routes(["README.md", "index.md"])
        #expect(routes.home == NoteID(path: "index.md"))
        #expect(routes.path(of: NoteID(path: "index.md")) == "")
        #expect(routes.path(of: NoteID(path: "README.md")) == "readme/")
        #expect(try self.routes(["Readme.md"]).0.home == NoteID(path: "Readme.md"))
    }

    /// Names that differ in case or separators alone are one name spelled two ways: numbered, in path
    /// order, and reported.
    @Test func clashesAreNumberedInPathOrderAndReported() throws {
        let (routes, problems) = try routes(["My Note.md", "my-note.md", "my.note.md"])
        #expect(routes.path(of: NoteID(path: "My Note.md")) == "my-note/")
        // Byte order: "my-note" sorts before "my.note".
        #expect(routes.path(of: NoteID(path: "my-note.md")) == "my-note-2/")
        #expect(routes.path(of: NoteID(path: "my.note.md")) == "my-note-3/")
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.rule.rawValue == "slug-collision" })
        #expect(problems.first?.message.contains("My Note.md") == true)
    }

    /// tldr's pages hold `clang` and `clang++`, `!`, `$` and `%`: each keeps a URL that says its name.
    @Test func namesThatDifferInSymbolsKeepReadableURLs() throws {
        let paths = ["common/clang++.md", "common/clang.md", "common/g++.md", "!.md", "$.md", "%.md", "[.md", "[[.md",
                     "C#.md", "C.md", "Rocket 🚀.md", "Rocket.md", "Q&A.md", "Q A.md", "my note!.md", "my note.md", ",.md", "comma.md"]
        let (routes, problems) = try routes(paths)
        let expected = [
            "common/clang++.md": "common/clang-plus-plus/", "common/clang.md": "common/clang/", "common/g++.md": "common/g/",
            "!.md": "exclamation/", "$.md": "dollar/", "%.md": "percent/", "[.md": "left-square-bracket/",
            "[[.md": "left-square-bracket-left-square-bracket/", "C#.md": "c-hash/", "C.md": "c/",
            "Rocket 🚀.md": "rocket-rocket/", "Rocket.md": "rocket/", "Q&A.md": "q-and-a/", "Q A.md": "q-a/",
            "my note!.md": "my-note-exclamation/", "my note.md": "my-note/", ",.md": "symbol-comma/", "comma.md": "comma/",
        ]
        for path in paths {
            #expect(routes.path(of: NoteID(path: path)) == expected[path], "\(path)")
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func namesOfTheSitesOwnPagesAreReserved() throws {
        let (routes, problems) = try routes(["All Notes.md", "tags/x.md", "assets.md"])
        #expect(routes.path(of: NoteID(path: "All Notes.md")) == "all-notes-2/")
        #expect(routes.path(of: NoteID(path: "tags/x.md")) == "tags-2/x/")
        #expect(routes.path(of: NoteID(path: "assets.md")) == "assets-2/")
        #expect(problems.count == 3)
    }

    @Test func unicodeNormalisationFormsClash() throws {
        let (routes, problems) = try routes(["caf\u{E9}.md", "cafe\u{301}.md"])
        #expect(Set(routes.slugs.values.map(\.value)).count == 2)
        #expect(problems.count == 1)
    }
}

@Suite struct LinkRewriterTests {
    let rewriter: LinkRewriter = {
        let notes = ["index.md", "a/Target Note.md", "a/b/deep.md", "private/plans.md"].map { ParseNotes.parse("x", id: NoteID(path: $0), sourcePath: $0).0 }
        let published = try! PublishFilter(settings: Settings()).apply(notes, attachments: ["img/pic one.png", "private/scan.png"])
        return LinkRewriter(
            routes: AssignRoutes.run(published).0,
            notesByPath: Dictionary(uniqueKeysWithValues: notes.map { ($0.id.path, $0.id) }),
            attachments: published.attachments,
            withheld: published.withheld
        )
    }()

    func destination(_ link: String, from path: String, page: String) -> String? {
        let outcome = rewriter.rewrite(link, from: NoteID(path: path), pagePath: page)
        switch outcome.action {
        case .keep: return link
        case .replace(let destination): return destination
        case .unlink, .unresolved: return nil
        }
    }

    @Test(arguments: [
        ("Target%20Note.md", "a/x.md", "a/x/", "../../a/target-note/"),
        ("Target%20Note.md#part", "a/x.md", "a/x/", "../../a/target-note/#part"),
        ("b/deep.md", "a/x.md", "a/x/", "../../a/b/deep/"),
        ("../index.md", "a/x.md", "a/x/", "../../"),
        ("index.md", "other.md", "", "./"),
        ("/img/pic%20one.png", "a/b/deep.md", "a/b/deep/", "../../../img/pic%20one.png"),
        ("https://example.org/a.md", "a/x.md", "a/x/", "https://example.org/a.md"),
        ("mailto:someone@example.org", "a/x.md", "a/x/", "mailto:someone@example.org"),
        ("#local", "a/x.md", "a/x/", "#local"),
        ("elsewhere/page", "a/x.md", "a/x/", "elsewhere/page"),
        ("../private/scan.png", "a/x.md", "a/x/", nil),
        ("/Private/Scan.png", "a/x.md", "a/x/", nil),
    ] as [(String, String, String, String?)])
    func rewritesLinksBetweenFiles(link: String, from path: String, page: String, expected: String?) {
        #expect(destination(link, from: path, page: page) == expected)
    }

    /// A Markdown link to a note that is missing or not published is shown as a wikilink to one is,
    /// the two alike; the author is told which it is, as for a wikilink.
    @Test func linksToNotesThatAreNotPublishedLoseTheirHref() {
        for (link, rule, problem) in [("private/plans.md", Rule.privateLink, "not published"), ("nowhere.md", .unresolvedLink, "does not exist")] {
            let outcome = rewriter.rewrite(link, from: NoteID(path: "index.md"), pagePath: "")
            guard case .unresolved = outcome.action else {
                Issue.record("expected the link to \(link) to be shown as unresolved")
                continue
            }
            #expect(outcome.rule == rule && outcome.problem?.contains(problem) == true, "\(outcome.problem ?? "")")
        }
    }

    @Test func linksThatClimbOutOfTheCommonsAreDropped() {
        let outcome = rewriter.rewrite("../../../etc/passwd", from: NoteID(path: "a/x.md"), pagePath: "a/x/")
        #expect(outcome.problem?.contains("outside the commons") == true)
    }
}
