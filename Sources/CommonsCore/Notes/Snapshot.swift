import CommonsGit

/// Everything the build reads from the repository, as plain values.
public struct Snapshot: Equatable, Sendable {
    /// A Markdown file's undecoded bytes.
    public struct MarkdownFile: Equatable, Sendable {
        public let id: NoteID
        public let bytes: [UInt8]
    }

    /// The commit being built; nil when building the working directory.
    public let commit: CommitInfo?
    public let settings: Settings
    public let markdownFiles: [MarkdownFile]
    /// Paths (below the content folder) of the other files notes may use: images, PDFs, ...
    public let attachments: Set<String>
    /// Files of the repository's template folder, by their path in it.
    public let templateOverrides: [String: [UInt8]]
    /// Files skipped on the way (symbolic links, submodules), and settings problems.
    public let diagnostics: [Diagnostic]

    /// The path the author sees, from the repository root.
    func repositoryPath(_ contentPath: String) -> String {
        settings.contentFolder.isEmpty ? contentPath : settings.contentFolder + "/" + contentPath
    }

    /// The inverse of `repositoryPath`; nil for a path outside the content folder.
    func contentPath(_ repositoryPath: String) -> String? {
        guard !settings.contentFolder.isEmpty else { return repositoryPath }
        let prefix = settings.contentFolder + "/"
        return repositoryPath.hasPrefix(prefix) ? String(repositoryPath.dropFirst(prefix.count)) : nil
    }
}
