import CGit2
import Foundation

/// A list of git pathspec patterns (`private`, `drafts/*.md`, `*.tmp`), matched the way `git` matches them:
/// a pattern names a file, a folder and everything below it, or a glob.
///
/// Sendable because every use of the handle goes through `lock`: libgit2 objects may be used from any
/// thread, one thread at a time.
public final class Pathspec: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    public let patterns: [String]

    public init(_ patterns: [String]) throws(GitError) {
        Libgit2.ensureInitialised()
        self.patterns = patterns
        var pointer: OpaquePointer?
        var duplicates = patterns.map { strdup($0) }
        defer { duplicates.forEach { free($0) } }
        let code = duplicates.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return git_pathspec_new(&pointer, &array)
        }
        try check(code, "read exclude patterns \(patterns)")
        handle = pointer!
    }

    deinit {
        git_pathspec_free(handle)
    }

    public func matches(_ path: String) -> Bool {
        guard !patterns.isEmpty else { return false }
        return lock.withLock { git_pathspec_matches_path(handle, 0, path) == 1 }
    }
}
