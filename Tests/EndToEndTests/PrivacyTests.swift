import Foundation
import Testing
import TestSupport

/// Private stays private, tested the hard way: private notes carry unique markers in every place they
/// can (file name, title, body, tags, aliases, attachments, a commit shared with public notes), and
/// every byte of every output file is searched for them.
@Suite struct PrivacyTests {
    /// Each way a note can be kept out of the site, as the front matter and folder that do it.
    static let mechanisms: [(name: String, folder: String, frontMatter: String)] = [
        ("publish-false", "notes", "publish: false"),
        ("private-true", "notes", "private: true"),
        ("draft", "notes", "draft: true"),
        ("private-folder", "private", ""),
        ("hidden-folder", ".obsidian", ""),
        ("excluded", "journal", ""),
        ("quoted-private", "notes", "private: \"yes\""),
        ("broken-yaml", "notes", "private: true\nbroken: [unclosed"),
    ]

    /// A commons with `publicCount` public notes and one private note per mechanism, all linking to each other.
    static func generate(seed: UInt64, publicCount: Int) throws -> (FixtureRepository, markers: [String]) {
        var random = SplitMix(seed: seed)
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Marker test\nexclude: [journal]\n")
        var markers: [String] = []
        var privatePaths: [String] = []
        for (index, mechanism) in mechanisms.enumerated() {
            let marker = "zq\(mechanism.name.replacingOccurrences(of: "-", with: ""))\(random.next() % 100_000)x"
            markers.append(marker)
            let path = "\(mechanism.folder)/\(marker)-file.md"
            privatePaths.append(path)
            let closing = mechanism.name == "unclosed" ? "" : "---\n"
            try fixture.write("\(mechanism.folder)/\(marker)-picture.png", bytes: Array("\(marker)-pixels".utf8))
            try fixture.write(path, """
                ---
                \(mechanism.frontMatter)
                title: \(marker) title
                tags: [\(marker)tag, shared]
                aliases: [\(marker)alias]
                \(closing)
                # \(marker) heading

                The body of private note \(index): \(marker) body. ![pic](\(marker)-picture.png)
                """)
        }
        try fixture.write("notes/unclosed.md", "---\nprivate: true\ntitle: zqunclosed7x\n\nzqunclosed7x body\n")
        markers.append("zqunclosed7x")
        privatePaths.append("notes/unclosed.md")

        // Obsidian's comments are the author's private text, wherever they stand.
        let comment = "zqcomment\(random.next() % 100_000)x"
        markers.append(comment)
        for index in 0..<publicCount {
            let target = privatePaths[Int(random.next() % UInt64(privatePaths.count))]
            let relative = "../" + target.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! }.joined(separator: "/")
            let name = target.split(separator: "/").last!.dropLast(3)
            // A file under an excluded folder is as private as its notes, even when a public note uses it.
            let picture = target.hasPrefix("notes/") ? "" : " ![a picture](\(relative.replacingOccurrences(of: "-file.md", with: "-picture.png")))"
            try fixture.write("notes/public \(index).md", """
                ---
                tags: [shared, public]
                related: "[[\(name)|a related note]]"
                see: ["[[\(name)|the other one]]", "a [link](\(relative))"]
                ---
                # Public note \(index)

                It links to [a private one](\(relative)) and to [the next](public%20\(index + 1).md).\(picture)

                | In a table | with an escaped bar |
                | --- | --- |
                | [[\(name)\\|a hidden note]] | two |

                Raw HTML names it: <a href="\(relative)">a tag</a>, and `[code](\(relative))` quotes it.

                ```html
                <a href="\(relative)">in a code block</a>
                ```

                ## About [[\(name)|the other one]]

                A thought %%\(comment) inline, [[\(comment) link]] and #\(comment)tag%% goes on.

                - a list item %%\(comment) in a list%%
                > a quote %%\(comment) in a quote%%

                > [!note] A callout %%\(comment) in a title%%
                > With a body. %%\(comment)%%

                %%
                ![[\(comment) embed#Sponsor this author]]
                #placeholder/\(comment)
                %%
                """)
        }
        // A note private under one name, renamed and published later: the old name stays private.
        let renamed = "zqrenamed\(random.next() % 100_000)x"
        markers.append(renamed)
        let plan = (1...20).map { "Line \($0) of a plan that keeps most of its words." }.joined(separator: "\n")
        try fixture.write("notes/\(renamed) draft.md", "---\nprivate: true\n---\n\(plan)\n")
        try fixture.commitAll("Public and private notes together")
        _ = try fixture.git("mv", "notes/\(renamed) draft.md", "notes/launched.md")
        try fixture.write("notes/launched.md", plan + "\n")
        try fixture.commitAll("Publish the plan under its new name")
        // A later commit touching public and private notes at once.
        try fixture.write("notes/public 0.md", "# Public note 0\n\nEdited.\n")
        try fixture.write(privatePaths[1], "---\nprivate: true\n---\n\(markers[1]) edited body\n")
        try fixture.commitAll("Edit a public and a private note")
        return (fixture, markers)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func noMarkerOfAPrivateNoteInAnyOutputByte(seed: UInt64) throws {
        let (fixture, markers) = try Self.generate(seed: seed, publicCount: 12)
        let result = try CommonsBinary.run(["build", "--base-url", "https://example.org/", "-v"], in: fixture.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Built 13 notes"))
        // Nothing in a comment counts: its links, tags and embeds are no problems to report.
        for marker in markers where marker.hasPrefix("zqcomment") {
            #expect(!result.standardError.contains(marker), "a comment was read: \(result.standardError)")
        }

        let files = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
        #expect(files.count > 12)
        // The bundle's manifest and pieces are among the files searched.
        #expect(files.keys.contains("bundle/index.json") && files.keys.contains { $0.hasPrefix("bundle/objects/") })
        for (path, bytes) in files {
            let text = try Self.readable(path: path, bytes: bytes).lowercased()
            for marker in markers {
                #expect(!path.lowercased().contains(marker), "\(path) is named after a private note")
                #expect(!text.contains(marker), "\(path) holds the private marker \(marker)")
            }
        }
        // The bundle command, narrowed by a tag private notes carry too and trimmed, writes none either.
        let whole = try CommonsBinary.run(["bundle", "--notes", "#shared"], in: fixture.url)
        #expect(whole.status == 0, "\(whole.standardError)")
        let trimmed = try CommonsBinary.run(["bundle", "--notes", "#shared", "--max-tokens", "\(whole.standardOutput.utf8.count / 8)"], in: fixture.url)
        #expect(trimmed.status == 0, "\(trimmed.standardError)")
        #expect(trimmed.standardError.contains("left out"), "\(trimmed.standardError)")
        for result in [whole, trimmed] {
            let printed = (result.standardOutput + result.standardError).lowercased()
            for marker in markers { #expect(!printed.contains(marker), "commons bundle printed the private marker \(marker)") }
        }
        // A public note's link to a private one is shown as a link to a missing note is.
        let page = try SiteFiles.text("notes/public-3/index.html", in: fixture.url.appending(path: "_site"))
        #expect(page.contains("It links to <span class=\"wikilink unresolved\">a private one</span> and to <a href=\"../../notes/public-4/\">the next</a>."), "\(page)")
    }

    /// Every channel shows a link to a private note as it shows one to a missing note, so none tells
    /// which names are private notes.
    @Test func aPrivateNoteCannotBeToldFromAMissingOne() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Plans.md", "---\nprivate: true\n---\nzqplansbody\n")
        try fixture.write("a.md", "[[Plans]] and [[Nowhere]]; [[Plans|hidden one]] and [[Nowhere|hidden two]].\n")
        try fixture.commitAll("Links")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let site = fixture.url.appending(path: "_site")
        let page = try SiteFiles.text("a/index.html", in: site)
        #expect(page.contains(#"<span class="wikilink unresolved">Plans</span> and <span class="wikilink unresolved">Nowhere</span>; "#
                              + #"<span class="wikilink unresolved">hidden one</span> and <span class="wikilink unresolved">hidden two</span>."#), "\(page)")
        let wanted = try SiteFiles.text("wanted/index.html", in: site)
        #expect(wanted.contains(">Plans<") && wanted.contains(">Nowhere<"), "\(wanted)")
        let twin = try SiteFiles.text("a/index.html.md", in: site)
        #expect(twin.contains("Plans and Nowhere; hidden one and hidden two."), "\(twin)")
        let bundle = try SiteFiles.text("commons.json", in: site)
        #expect(bundle.contains(#""unresolved":["Nowhere","Plans"]"#), "\(bundle.suffix(400))")
    }

    /// A last commit that touched only private notes is named nowhere: not its hash, not its date.
    @Test func aCommitOfOnlyPrivateNotesIsNotNamed() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "Public.\n")
        try fixture.write("Diary.md", "---\nprivate: true\n---\nDay one.\n")
        let published = try fixture.commitAll("Start")
        try fixture.write("Diary.md", "---\nprivate: true\n---\nDay two.\n")
        let privateOnly = try fixture.commitAll("Private entry")
        #expect(try CommonsBinary.run(["build", "--base-url", "https://example.org/"], in: fixture.url).status == 0)
        for (path, bytes) in try SiteFiles.all(in: fixture.url.appending(path: "_site")) {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(privateOnly) && !text.contains(privateOnly.prefix(7)), "\(path) names the private commit")
        }
        let bundle = try SiteFiles.text("commons.json", in: fixture.url.appending(path: "_site"))
        #expect(bundle.contains("\"commit\":\"\(published)\""))
        #expect(try SiteFiles.text("recent-changes/index.html", in: fixture.url.appending(path: "_site")).contains("<code>\(published.prefix(7))</code>"))
    }

    @Test func aPrivateDefaultPublishesOnlyWhatOptsIn() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "default: private\n")
        try fixture.write("open.md", "---\npublish: true\n---\n# Open\n")
        try fixture.write("closed.md", "# zqclosedmarker\n")
        try fixture.commitAll("Mostly private")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        let files = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
        #expect(files.keys.contains("open/index.html"))
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("zqclosedmarker") })
    }

    /// The file's text, decompressed when it is gzip, so that compressed outputs are searched too.
    static func readable(path: String, bytes: Data) throws -> String {
        guard bytes.starts(with: [0x1F, 0x8B]) else { return String(decoding: bytes, as: UTF8.self) }
        let folder = try TemporaryFolder.make(prefix: "commons-gzip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "file.gz")
        try bytes.write(to: file)
        return try Run.command(["gzip", "-dc", file.path]).standardOutput
    }
}
