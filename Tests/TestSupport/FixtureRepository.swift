import Foundation

/// A real git repository in a temporary folder, for tests. Commits get fixed authors and dates so that
/// hashes, and everything built from them, are the same on every run.
public final class FixtureRepository: @unchecked Sendable {
    // @unchecked: each test owns its fixture and uses it from one task only.
    public let url: URL
    /// A folder of the fixture's own around the repository, so tests can check nothing is written beside it.
    public let enclosingFolder: URL
    private var commitCount = 0

    public init() throws {
        enclosingFolder = try TemporaryFolder.make(prefix: "commons-fixture")
        url = enclosingFolder.appending(path: "notes", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try git("init", "--quiet", "--initial-branch=main")
    }

    deinit {
        try? FileManager.default.removeItem(at: enclosingFolder)
    }

    public var path: String { url.path }

    /// Writes a file (creating its folders), relative to the repository root.
    public func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    /// Sets the modification time of files (relative to the repository root) a minute back: what
    /// `serve` read of a file changed within the last second is never trusted to be unchanged, and a
    /// test writes faster than that.
    public func age(_ paths: String...) throws {
        for path in paths {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: url.appending(path: path).path)
        }
    }

    public func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appending(path: path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appending(path: path))
    }

    /// Stages everything and commits it; returns the new commit's hash.
    @discardableResult
    public func commitAll(_ message: String, author: String = "Ada Lovelace <ada@example.org>") throws -> String {
        try git("add", "--all")
        return try commitStaged(message, author: author)
    }

    /// Merges `branch` into the current branch with a merge commit, even when a fast-forward would do.
    @discardableResult
    public func merge(_ branch: String, message: String) throws -> String {
        commitCount += 1
        let date = Self.date(commitCount)
        try git("merge", "--quiet", "--no-ff", "-m", message, branch, environment: Self.identity("Ada Lovelace", "ada@example.org", date))
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits what is staged, as it is (for index entries `git add` would change, like gitlinks).
    @discardableResult
    public func commitStaged(_ message: String, author: String = "Ada Lovelace <ada@example.org>") throws -> String {
        commitCount += 1
        let (name, email) = Self.split(author)
        try git("commit", "--quiet", "--allow-empty", "-m", message, environment: Self.identity(name, email, Self.date(commitCount)))
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository (tests may use the git command; the product never does).
    @discardableResult
    public func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try Run.command(["git"] + arguments, in: url, environment: environment.merging([
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ]) { own, _ in own })
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }

    /// One commit a day from 2024-01-01, so every commit is newer than the one before.
    private static func date(_ number: Int) -> String {
        let day = Calendar(identifier: .gregorian).date(byAdding: .day, value: number - 1, to: Date(timeIntervalSince1970: 1_704_110_400))!
        return "\(Int(day.timeIntervalSince1970)) +0000"
    }

    private static func identity(_ name: String, _ email: String, _ date: String) -> [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
         "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date]
    }

    private static func split(_ author: String) -> (String, String) {
        guard let open = author.firstIndex(of: "<"), let close = author.firstIndex(of: ">") else { return (author, "") }
        return (author[..<open].trimmingCharacters(in: .whitespaces), String(author[author.index(after: open)..<close]))
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum TemporaryFolder {
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }
}

extension FixtureRepository {
    /// A small commons whose notes reach each other every way: a link, an alias, an embed of a section,
    /// an embed two levels down, a tag, an unresolved link and a private note.
    public static func linkedNotes() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.write("Home.md", "---\naliases: [Start]\n---\n# Home\n\n[[Topic]], and a part of it:\n\n![[Topic#Part]]\n")
        try fixture.write("Topic.md", "# Topic\n\n## Part\n\nIn part. #idea\n\n![[Leaf]]\n")
        try fixture.write("Leaf.md", "# Leaf\n\nA leaf. [[Start]]\n")
        try fixture.write("Other.md", "# Other\n\nUnrelated, links [[Missing]].\n")
        try fixture.write("Secret.md", "---\nprivate: true\n---\n# Secret\n")
        _ = try fixture.commitAll("Start")
        return fixture
    }
}
