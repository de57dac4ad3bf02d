import CommonsGit
import Foundation

/// One file found in the tree being built.
struct TreeFile: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case file
        case symlink
        case submodule
        /// A file whose name is not valid UTF-8, which git allows and a site cannot serve.
        case unreadableName
    }

    /// Path relative to the listed folder.
    let path: String
    let kind: Kind
}

/// Where the build reads files from: a commit (the normal case) or the working directory (previews).
protocol SourceTree {
    /// The commit being built, nil for the working directory.
    var commit: CommitInfo? { get }
    /// Every file below `folder` ("" for the repository root), sorted by path.
    func files(under folder: String) throws -> [TreeFile]
    /// The bytes of the file at `path` from the repository root, nil if there is none.
    func contents(of path: String) throws -> [UInt8]?
}

extension SourceTree {
    /// Whether `error`, thrown by `contents(of:)`, says the repository lacks the file's content, as a
    /// partial (`--filter=blob:none`) or damaged clone does: a problem of that file, not of the build.
    static func isMissingContent(_ error: Error) -> Bool {
        (error as? GitError)?.isNotFound == true
    }

    /// "at commit 1a2b3c4", or "" for the working directory, for messages about a file of the tree.
    var whereRead: String {
        commit.map { " at commit \($0.id.short)" } ?? ""
    }
}

/// The tree of one commit, read through libgit2.
final class CommitTree: SourceTree {
    private let repository: Repository
    let commit: CommitInfo?
    private let commitID: ObjectID

    init(repository: Repository, revision: String) throws {
        self.repository = repository
        self.commitID = try Self.resolve(revision, in: repository)
        self.commit = try repository.commit(commitID)
    }

    private static func resolve(_ revision: String, in repository: Repository) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch {
            // Caught whole and rethrown: a `catch where` on a typed throw crashes the Swift 6.3 compiler.
            if revision == "HEAD" && repository.isHeadUnborn {
                throw BuildError("the repository has no commits yet: commit your notes first, or build the working tree with --worktree")
            }
            if error.isNotFound { throw BuildError("unknown revision '\(revision)': no branch, tag or commit has that name") }
            throw error
        }
    }

    func files(under folder: String) throws -> [TreeFile] {
        try repository.files(of: commitID, under: folder).map { entry in
            guard entry.hasValidName else { return TreeFile(path: entry.path, kind: .unreadableName) }
            return switch entry.kind {
            case .file, .executable: TreeFile(path: entry.path, kind: .file)
            case .symlink: TreeFile(path: entry.path, kind: .symlink)
            case .submodule: TreeFile(path: entry.path, kind: .submodule)
            }
        }
    }

    func contents(of path: String) throws -> [UInt8]? {
        try repository.fileContents(at: path, in: commitID)
    }
}

/// The working directory, uncommitted edits included, minus what git ignores.
final class WorkingTree: SourceTree {
    private let repository: Repository
    /// The working directory's path, ending in `/`. Paths are joined as strings: `URL.appending` was a
    /// twentieth of a `serve` rebuild, for ten thousand files.
    private let root: String
    private let reads: WorkingTreeReads?
    let commit: CommitInfo? = nil

    /// `reads` holds what an earlier build of this tree read, for reading only what changed since.
    init(repository: Repository, reads: WorkingTreeReads? = nil) throws {
        self.reads = reads
        guard let workingDirectory = repository.workingDirectory else {
            throw BuildError("--worktree needs a working directory, but the repository is bare")
        }
        self.repository = repository
        root = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        reads?.beginBuild()
    }

    func files(under folder: String) throws -> [TreeFile] {
        let start = folder.isEmpty ? root : root + folder + "/"
        // The rules from outside the tree, and from the folders down to the one walked.
        var above = [root + ".gitignore"]
        for (index, character) in folder.enumerated() where character == "/" { above.append(root + folder.prefix(index) + "/.gitignore") }
        if !folder.isEmpty { above.append(start + ".gitignore") }
        let rulesUnchanged = reads?.rulesUnchanged(repository.ignoreRuleFiles + above) ?? false
        var result: [TreeFile] = []
        try walk(start, relative: "", repositoryPrefix: folder.isEmpty ? "" : folder + "/", rulesUnchanged: rulesUnchanged, into: &result)
        // Sorted already, folder by folder, but where a submodule's name is a prefix of a sibling's.
        let precedes = { (lhs: TreeFile, rhs: TreeFile) in lhs.path.precedesInBytes(rhs.path) }
        return result.isSorted(by: precedes) ? result : result.sorted(by: precedes)
    }

    /// `directory` ends in `/`; `rulesUnchanged` says whether the ignore rules from above it are as the
    /// last build found them.
    private func walk(_ directory: String, relative: String, repositoryPrefix: String, rulesUnchanged above: Bool,
                      into result: inout [TreeFile]) throws {
        guard let entries = LocalFile.entries(ofFolder: directory) else { return }
        // The folder's own `.gitignore` rules its entries too; the walk's first folder's is among those above.
        // Looked at even when the rules above changed, for the next build to compare with.
        let ownUnchanged = relative.isEmpty || reads?.rulesUnchanged([directory + ".gitignore"]) == true
        let rulesUnchanged = above && ownUnchanged
        let isIgnored = { (path: String) throws -> Bool in
            try self.reads?.isIgnored(path, rulesUnchanged: rulesUnchanged) { try self.repository.isIgnored(path) } ?? self.repository.isIgnored(path)
        }
        // In the order of the paths they lead to, a folder's name as if it ended in "/": the walk then
        // finds the tree's paths in order, where sorting them all at the end compared long paths.
        let ordered = entries.map { ($0.kind == .folder ? $0.name + "/" : $0.name, $0) }
            .sorted { $0.0.precedesInBytes($1.0) }.map(\.1)
        for (name, kind) in ordered where name != ".git" {
            let path = relative + name
            let file = directory + name
            switch kind {
            case .symlink:
                if try !isIgnored(repositoryPrefix + path) { result.append(TreeFile(path: path, kind: .symlink)) }
            case .folder:
                if try isIgnored(repositoryPrefix + path + "/") { continue }
                if LocalFile.kind(atPath: file + "/.git") != nil {
                    result.append(TreeFile(path: path, kind: .submodule))
                    continue
                }
                try walk(file + "/", relative: path + "/", repositoryPrefix: repositoryPrefix, rulesUnchanged: rulesUnchanged, into: &result)
            case .file:
                if try !isIgnored(repositoryPrefix + path) { result.append(TreeFile(path: path, kind: .file)) }
            case .other, nil:
                continue
            }
        }
    }

    func contents(of path: String) throws -> [UInt8]? {
        let file = root + path
        guard let status = LocalFile.status(atPath: file), LocalFile.Kind(status) == .file else { return nil }
        return try reads?.bytes(atPath: file, status: status) ?? LocalFile.bytes(atPath: file)
    }
}
