import Foundation
import Testing
import TestSupport

/// A build writes only where it may and deletes only what it wrote. Each test is a way a repository,
/// or a folder beside it, was once lost or could be.
@Suite struct OutputSafetyTests {
    /// A GitHub Pages repository has a `404.html` at its root, which once made it look like a site.
    private func pagesRepository() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "Some words.\n")
        try fixture.write("404.html", "<p>Lost</p>\n")
        try fixture.commitAll("Add")
        return fixture
    }

    private func exists(_ path: String, in fixture: FixtureRepository) -> Bool {
        FileManager.default.fileExists(atPath: fixture.url.appending(path: path).path)
    }

    @Test func theRepositoryReachedThroughASymlinkIsNeverTheOutput() throws {
        let fixture = try pagesRepository()
        let link = fixture.enclosingFolder.appending(path: "link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: fixture.enclosingFolder.path)
        let spelled = link.appending(path: "notes")
        for output in [spelled.path, ".", spelled.path + "/../notes", fixture.enclosingFolder.path] {
            let result = try CommonsBinary.run(["build", "-o", output], in: spelled)
            #expect(result.status == 1, "\(output)")
            #expect(result.standardError.contains("the repository"), "\(result.standardError)")
        }
        #expect(exists("a.md", in: fixture) && exists(".git/objects", in: fixture) && exists("404.html", in: fixture))
        #expect(try fixture.git("status", "--porcelain").isEmpty)
    }

    @Test func theGitFolderTheHomeFolderAndTheRootAreNeverTheOutput() throws {
        let fixture = try pagesRepository()
        for output in [".git", ".git/site", "/", NSHomeDirectory()] {
            let result = try CommonsBinary.run(["build", "-o", output], in: fixture.url)
            #expect(result.status == 1, "\(output): \(result.standardError)")
        }
        #expect(exists(".git/HEAD", in: fixture) && !exists(".git/site", in: fixture))
    }

    @Test func theContentFolderIsNeverTheOutputEvenWithA404Page() throws {
        let fixture = try FixtureRepository()
        try fixture.write("commons.yml", "content: docs\noutput: docs\n")
        try fixture.write("docs/a.md", "A note.\n")
        try fixture.write("docs/404.html", "<p>Lost</p>\n")
        try fixture.commitAll("Add")
        try fixture.write("docs/draft.md", "Not committed yet.\n")
        for arguments in [["build"], ["build", "-o", "docs"], ["build", "-o", "docs/_site"], ["build", "-o", "."]] {
            let result = try CommonsBinary.run(arguments, in: fixture.url)
            #expect(result.status == 1, "\(arguments): \(result.standardError)")
        }
        #expect(try SiteFiles.text("docs/draft.md", in: fixture.url) == "Not committed yet.\n")
        #expect(exists("docs/a.md", in: fixture) && exists("docs/404.html", in: fixture))
    }

    @Test func aCommittedSettingCannotWriteOutsideTheRepository() throws {
        let fixture = try FixtureRepository()
        let victim = fixture.enclosingFolder.appending(path: "victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: victim.appending(path: "thesis.txt"))
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "out").path, withDestinationPath: victim.path)
        try fixture.write("a.md", "Some words.\n")
        for output in ["../victim", victim.path, "out", "out/site"] {
            try fixture.write("commons.yml", "output: \(output)\n")
            try fixture.commitAll("Point the output at \(output)")
            let result = try CommonsBinary.run(["build"], in: fixture.url)
            #expect(result.status == 1, "\(output): \(result.standardError)")
            #expect(result.standardError.contains("inside the repository") || result.standardError.contains("outside the repository"), "\(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path) == ["thesis.txt"])
        // The command line may: it is the person building who chose.
        let elsewhere = fixture.enclosingFolder.appending(path: "elsewhere").path
        #expect(try CommonsBinary.run(["build", "-o", elsewhere], in: fixture.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/a/index.html"))
    }

    @Test func aFolderWithoutTheListOfWhatCommonsWroteIsNotASite() throws {
        let fixture = try pagesRepository()
        try fixture.write("old-site/404.html", "<p>Lost</p>\n")
        try fixture.write("old-site/notes.txt", "mine")
        let result = try CommonsBinary.run(["build", "-o", "old-site"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("was not written by commons"))
        #expect(try SiteFiles.text("old-site/notes.txt", in: fixture.url) == "mine")
    }

    @Test func filesCommonsDidNotWriteAreKeptInPlaceAndWhenSwapped() throws {
        let fixture = try pagesRepository()
        try fixture.write("b.md", "Another note.\n")
        try fixture.commitAll("Add b")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        try fixture.write("_site/CNAME", "notes.example.org\n")
        try fixture.write("_site/deploy/notes.txt", "how to deploy\n")
        try FileManager.default.createDirectory(at: fixture.url.appending(path: "_site/uploads"), withIntermediateDirectories: false)
        try fixture.remove("b.md")
        try fixture.commitAll("Remove b")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try SiteFiles.text("_site/CNAME", in: fixture.url) == "notes.example.org\n")
        #expect(try SiteFiles.text("_site/deploy/notes.txt", in: fixture.url) == "how to deploy\n")
        #expect(exists("_site/uploads", in: fixture), "an empty folder put there by hand stays")
        #expect(!exists("_site/b/index.html", in: fixture))

        // A symbolic link in the folder makes the build stage a new folder and swap it in: what is
        // not the site's goes along.
        try FileManager.default.createSymbolicLink(atPath: fixture.url.appending(path: "_site/latest").path, withDestinationPath: "a/")
        try fixture.write("c.md", "A third note.\n")
        try fixture.commitAll("Add c")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try SiteFiles.text("_site/CNAME", in: fixture.url) == "notes.example.org\n")
        #expect(try SiteFiles.text("_site/deploy/notes.txt", in: fixture.url) == "how to deploy\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: fixture.url.appending(path: "_site/latest").path) == "a/")
        #expect(exists("_site/uploads", in: fixture))
        #expect(exists("_site/c/index.html", in: fixture))
    }

    /// The file system tells names apart by their bytes: a file put beside the site under the name of
    /// one of its files in the other Unicode normalisation is someone else's, and stays.
    @Test func aNameOfTheSiteInTheOtherNormalisationIsNotTheSites() throws {
        let fixture = try FixtureRepository()
        let composed = "caf\u{E9}.png", decomposed = "cafe\u{301}.png"
        try fixture.write("a.md", "A picture: ![[\(composed)]]\n")
        try fixture.write(composed, bytes: [0x89, 0x50, 0x4E, 0x47])
        try fixture.commitAll("Add")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        try fixture.write("_site/" + decomposed, "mine\n")
        let names = { try FileManager.default.contentsOfDirectory(atPath: fixture.url.appending(path: "_site").path).map { Array($0.utf8) } }
        #expect(try names().contains(Array(decomposed.utf8)) && names().contains(Array(composed.utf8)), "both spellings are files")
        try fixture.write("b.md", "Another note.\n")
        try fixture.commitAll("Add b")
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        #expect(try names().contains(Array(decomposed.utf8)), "the file commons did not write is kept")
        #expect(try names().contains(Array(composed.utf8)), "the site's own picture is there")
        let kept = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.url.path + "/_site/" + decomposed)))
        #expect(kept == Array("mine\n".utf8))
    }

    @Test func aFileCommonsDidNotWriteIsNeverReplaced() throws {
        let fixture = try pagesRepository()
        #expect(try CommonsBinary.run(["build"], in: fixture.url).status == 0)
        try fixture.write("_site/b/index.html", "written by hand\n")
        try fixture.write("b.md", "Another note.\n")
        try fixture.commitAll("Add b")
        let result = try CommonsBinary.run(["build"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("which commons did not write"), "\(result.standardError)")
        #expect(try SiteFiles.text("_site/b/index.html", in: fixture.url) == "written by hand\n")
    }

    @Test func aFolderOfCommittedNotesIsNotAnOutput() throws {
        let fixture = try pagesRepository()
        try fixture.write("public/keep.md", "A note, committed and deleted since.\n")
        try fixture.commitAll("Track a note")
        try fixture.remove("public/keep.md")
        let result = try CommonsBinary.run(["build", "-o", "public"], in: fixture.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("a note of the repository"), "\(result.standardError)")
    }

    @Test func aBuildWaitsForTheOneWritingTheSameFolder() throws {
        let fixture = try pagesRepository()
        let descriptor = open(fixture.url.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        let build = Process()
        build.executableURL = CommonsBinary.url
        build.arguments = ["build", "-q"]
        build.currentDirectoryURL = fixture.url
        try build.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(build.isRunning, "the build went on while another held the folder")
        #expect(!exists("_site/index.html", in: fixture))
        flock(descriptor, LOCK_UN)
        build.waitUntilExit()
        #expect(build.terminationStatus == 0)
        #expect(exists("_site/index.html", in: fixture))
    }

    /// Two builds into one folder at once, of a commit where a note was public and of one where it is
    /// private, once left the private note's pages in the site; now one waits for the other, and the
    /// site is exactly one of the two.
    @Test func twoBuildsAtOnceLeaveOneWholeSite() throws {
        let fixture = try FixtureRepository()
        // Enough notes that the two builds overlap.
        for number in 0..<300 { try fixture.write("notes/\(number).md", "Note \(number), linking [[plans]].\n") }
        try fixture.write("plans.md", "Plans, public for now. MARKER-PLANS\n")
        let public_ = try fixture.commitAll("Add")
        try fixture.write("plans.md", "---\nprivate: true\n---\nPlans. MARKER-PLANS\n")
        try fixture.commitAll("Make plans private")
        var expected: [[String: Data]] = []
        for revision in [public_, "HEAD"] {
            let folder = fixture.enclosingFolder.appending(path: "expected-\(expected.count)")
            #expect(try CommonsBinary.run(["build", "--rev", revision, "-o", folder.path], in: fixture.url).status == 0)
            expected.append(try SiteFiles.all(in: folder))
        }
        for _ in 0..<3 {
            let builds = [public_, "HEAD"].map { revision in
                let build = Process()
                build.executableURL = CommonsBinary.url
                build.arguments = ["build", "-q", "--rev", revision]
                build.currentDirectoryURL = fixture.url
                return build
            }
            for build in builds { try build.run() }
            for build in builds {
                build.waitUntilExit()
                #expect(build.terminationStatus == 0)
            }
            let site = try SiteFiles.all(in: fixture.url.appending(path: "_site"))
            #expect(expected.contains(site), "a site of neither commit: \(site.keys.sorted().prefix(20))")
        }
    }

    @Test func privacySettingsThatCannotBeReadFailClosed() throws {
        let fixture = try FixtureRepository()
        try fixture.write("a.md", "---\npublish: true\n---\nPublished.\n")
        try fixture.write("b.md", "Not marked.\n")
        for settings in ["default:\n", "default: ~\n", "default: null\n", "Default: private\n", "EXCLUDE: [b.md]\n"] {
            try fixture.write("commons.yml", settings)
            try fixture.commitAll("Settings: \(settings)")
            let result = try CommonsBinary.run(["build"], in: fixture.url)
            #expect(result.status == 1, "\(settings): \(result.standardError)")
            #expect(result.standardError.hasPrefix("commons.yml: error:"), "\(result.standardError)")
            #expect(!exists("_site/b/index.html", in: fixture))
        }
    }
}
