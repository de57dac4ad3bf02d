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
        if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return true }
        return pathspec.matches(path)
    }
}
