import Foundation
import Testing
import TestSupport

/// `commons serve`: what it serves, how it answers HTTP, what it refuses, and how it follows edits.
@Suite struct ServeCommandTests {
    static func commons() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "title: Served\n# SERVE-MARKER-CONFIG\n")
        try fixture.write("Alpha.md", "# Alpha\n\nSee [[Beta]].\n\n![[Beta]]\n")
        try fixture.write("Beta.md", "# Beta\n\nFirst version.\n")
        try fixture.write("Gamma.md", "# Gamma\n\nStands alone.\n")
        try fixture.write("private/Secret.md", "# Secret\n\nSERVE-MARKER-PRIVATE\n")
        try fixture.write("diagram.png", bytes: [0x89, 0x50, 0x4E, 0x47])
        try fixture.write("empty.txt", "")
        try fixture.write("Pictures.md", "# Pictures\n\n![[diagram.png]] ![[outside.png]] [[empty.txt]]\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "outside.png").path, withDestinationPath: "/etc/passwd")
        _ = try fixture.commitAll("Notes")
        return fixture
    }

    @Test func anEditRebuildsOnlyWhatItTouchesAndReloadsOpenPages() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let before = try server.get("/beta/")
        #expect(before.status == 200)
        #expect(before.text.contains("First version."))
        #expect(!before.text.contains("note-uncommitted"), "a committed note is not marked")
        #expect(before.text.contains("/.commons/events"), "serve injects the reload script")

        let events = try RawHTTP.Stream("/.commons/events", port: server.port)
        #expect(try events.wait(for: "waiting for builds"))
        try fixture.write("Beta.md", "# Beta\n\nSecond version.\n")
        #expect(try events.wait(for: "event: reload"), "the open page hears of the build: \(events.received)")

        let after = try server.get("/beta/")
        #expect(after.text.contains("Second version."))
        #expect(after.text.contains("note-uncommitted"), "an uncommitted edit is marked on its page")
        #expect(try server.get("/").text.contains("Second version."), "the embedding page shows the edit")
        // Beta, and Alpha which embeds it; not Gamma or Pictures.
        #expect(try server.waitForLog { $0.contains("Rebuilt: 2 of 4 notes rendered") }, "\(server.log)")
        #expect(server.interrupt() == 0)
    }

    @Test func answersHTTPLikeAStaticServer() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let page = try server.get("/gamma/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(try server.get("/assets/style.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try server.get("/diagram.png").headers["content-type"] == "image/png")
        #expect(try server.get("/commons.json").headers["content-type"] == "application/json; charset=utf-8")

        let head = try server.get("/gamma/", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-length"] == String(page.body.count))

        let etag = try #require(page.headers["etag"])
        #expect(try server.get("/gamma/", headers: ["If-None-Match": etag]).status == 304)
        let modified = try #require(page.headers["last-modified"])
        #expect(try server.get("/gamma/", headers: ["If-Modified-Since": modified]).status == 304)

        let part = try server.get("/diagram.png", headers: ["Range": "bytes=1-2"])
        #expect(part.status == 206 && part.body == [0x50, 0x4E])
        #expect(try server.get("/empty.txt", headers: ["Range": "bytes=0-"]).status == 416, "a range past the end")
        #expect(try server.get("/diagram.png", headers: ["Range": "bytes=9-"]).status == 416)

        let folder = try server.get("/gamma")
        #expect(folder.status == 301 && folder.headers["location"] == "/gamma/")

        let missing = try server.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("Page not found"), "the site's own 404 page")

        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let refused = try server.get("/gamma/", method: method)
            #expect(refused.status == 405, "\(method)")
            #expect(refused.headers["allow"] == "GET, HEAD")
        }
        #expect(server.interrupt() == 0)
    }

    @Test func servesNothingOutsideThePublishedSite() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let attempts = [
            "/../commons.yml", "/../../etc/passwd", "/%2e%2e/commons.yml", "/%2E%2E/%2E%2E/etc/passwd", "/assets/..%2f..%2fcommons.yml",
            "/..%5ccommons.yml", "/assets\\..\\..\\commons.yml", "/%5c..%5c..%5cetc%5cpasswd", "//etc/passwd", "/./commons.yml",
            "/commons.yml", "/.git/config", "/.git/HEAD", "/private/secret/", "/private/Secret.md", "/secret/", "/outside.png",
            "/%00", "/gamma/%00index.html",
        ]
        for target in attempts {
            let response = try server.get(target)
            #expect([400, 404].contains(response.status), "\(target) answered \(response.status)")
            #expect(!response.text.contains("SERVE-MARKER"), "\(target)")
            #expect(!response.text.contains("root:"), "\(target)")
            #expect(!response.text.contains("[core]"), "\(target)")
        }
        #expect(server.interrupt() == 0)
    }

    @Test func aBrokenBuildIsShownInTheBrowserUntilItIsFixed() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let events = try RawHTTP.Stream("/.commons/events", port: server.port)
        #expect(try events.wait(for: "waiting for builds"))

        try fixture.write("site-template/note.mustache", "<main>\n{{#note}}\n")
        #expect(try events.wait(for: "data: 2"))
        let broken = try server.get("/gamma/")
        #expect(broken.status == 500)
        #expect(broken.text.contains("site-template/note.mustache:3:1: error: template syntax"), "\(broken.text)")
        #expect(broken.text.contains("/.commons/events"), "the error page reloads when the build works again")

        try FileManager.default.removeItem(at: fixture.url.appending(path: "site-template"))
        try fixture.write("Gamma.md", "# Gamma\n\n![[Gamma]]\n")
        try fixture.write("Hidden plans.md", "---\ntitle: [unclosed\n---\n# Hidden\n")
        #expect(try events.wait(for: "data: 3"))
        let page = try server.get("/beta/")
        #expect(page.status == 200, "the server kept running and recovered")
        #expect(page.text.contains("2 errors in the commons"), "\(page.text)")
        #expect(page.text.contains("Gamma.md:3:1: error [embed-cycle]"), "a published note's error is located on the pages")
        #expect(page.text.contains("1 more: see the terminal"))
        #expect(!page.text.contains("Hidden plans") && !page.text.contains("would embed"),
                "no message, and nothing of a note that is not published: anyone who reaches the server sees the panel")
        #expect(try server.waitForLog { $0.contains("Hidden plans.md:3:1: error: ") }, "the terminal has it all")
        #expect(server.interrupt() == 0)
    }

    @Test func ctrlCStopsTheServerWithPagesStillListening() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let events = try RawHTTP.Stream("/.commons/events", port: server.port)
        #expect(try events.wait(for: "waiting for builds"))
        #expect(server.interrupt() == 0)
    }

    @Test func theBuiltSiteNeverHasTheReloadScript() throws {
        let fixture = try Self.commons()
        let output = fixture.enclosingFolder.appending(path: "site")
        let build = try CommonsBinary.run(["build", "--worktree", "-o", output.path], in: fixture.url)
        #expect(build.status == 0, "\(build.standardError)")
        let files = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        #expect(files.count > 10)
        for file in files where !file.hasDirectoryPath {
            let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
            #expect(!text.contains(".commons/events"), "\(file.lastPathComponent)")
        }
    }

    @Test func aPortInUseFailsWithAMessage() throws {
        let fixture = try Self.commons()
        let server = try ServeProcess(fixture.url)
        let second = try CommonsBinary.run(["serve", "--port", String(server.port)], in: fixture.url)
        #expect(second.status == 1)
        #expect(second.standardError.contains("error: "), "\(second.standardError)")
        #expect(server.interrupt() == 0)
    }
}
