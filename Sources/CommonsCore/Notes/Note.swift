/// A Markdown note, split into its front matter and body.
public struct Note: Equatable, Sendable {
    public let id: NoteID
    /// The path from the repository root, for messages.
    public let sourcePath: String
    public let frontMatter: FrontMatter
    /// False when the note has front matter that could not be read. Such a note is never published:
    /// the unreadable part may be the one that says `private: true`.
    public let frontMatterIsReadable: Bool
    /// The Markdown after the front matter.
    public let body: String
    /// How many lines of the file come before the body, to turn body lines into file lines.
    public let bodyLineOffset: Int
}
