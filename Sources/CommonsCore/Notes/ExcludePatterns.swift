import CommonsGit

/// The path rules that keep files out of the site: any hidden segment (`.obsidian/`, `.github/`),
/// plus the `exclude` patterns, which are git pathspecs.
struct ExcludePatterns: Sendable {
    private let pathspec: Pathspec

    init(_ patterns: [String]) throws {
        do {
            pathspec = try Pathspec(patterns)
        } catch {
            throw BuildError("exclude patterns: \(error.message)")
        }
    }

    func matches(_ path: String) -> Bool {
        if Self.hasHiddenSegment(path) { return true }
        return pathspec.matches(path)
    }

    /// Whether a segment of `path` starts with the byte ".", as the file system, git and Obsidian hide
    /// names: the path starts with "." or holds "/.". By byte, where a split of every path of the tree
    /// into `Substring`s was a twentieth of a `serve` rebuild (and took "." with a combining accent
    /// for a letter of its own, so that such a name was not hidden).
    static func hasHiddenSegment(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }
}
