/// A Markdown note, split into its front matter and body.
///
/// A class, as `RenderedNote` is: every stage hands notes on, and a copy of its fields was several
/// counts kept where the class's is one.
public final class Note: Equatable, Sendable {
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

    init(id: NoteID, sourcePath: String, frontMatter: FrontMatter, frontMatterIsReadable: Bool, body: String, bodyLineOffset: Int) {
        (self.id, self.sourcePath, self.frontMatter, self.frontMatterIsReadable) = (id, sourcePath, frontMatter, frontMatterIsReadable)
        (self.body, self.bodyLineOffset) = (body, bodyLineOffset)
    }

    public static func == (lhs: Note, rhs: Note) -> Bool {
        lhs === rhs || (lhs.id == rhs.id && lhs.sourcePath == rhs.sourcePath && lhs.frontMatter == rhs.frontMatter
            && lhs.frontMatterIsReadable == rhs.frontMatterIsReadable && lhs.body == rhs.body && lhs.bodyLineOffset == rhs.bodyLineOffset)
    }
}
