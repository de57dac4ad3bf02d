import CommonsMarkdown

/// A note's title, by one rule for every channel (pages, lists, search, the bundle, the feed, MCP), as
/// Obsidian and Quartz give it: the front matter's `title`, else the file's name. Real notes mostly
/// have no `# Title`; a note whose opening heading says what its file name says, in another letter
/// case or with `-` or `_` for spaces, is titled by the heading, the same title better written. So is
/// a note whose file name says nothing of it (`index.md`, `README.md`), as a home page often is.
enum NoteTitle {
    /// `openingHeading` is the text of the `#` heading the note opens with, if it does.
    static func of(_ note: Note, openingHeading: String?) -> String {
        if let title = note.frontMatter.title { return title }
        let name = note.id.baseName
        if let heading = openingHeading?.trimmed.nonEmpty, repeats(heading, name) || namesNothing.contains(name.lowercased()) { return heading }
        return name
    }

    /// A rendered note's title, and whether its body opens with it as a heading, so that the page need not repeat it.
    static func of(_ note: Note, rendered: RenderedMarkdown) -> (title: String, bodyHasTitle: Bool) {
        let openingHeading = rendered.openingHeading
        let title = of(note, openingHeading: openingHeading)
        // An opening heading that says something else is the note's first heading, not its title.
        return (title, openingHeading.map { $0.trimmed == title || repeats($0, title) } ?? false)
    }

    /// File names that tell what a file is for, not what it says.
    private static let namesNothing: Set<String> = ["index", "readme"]

    /// Whether a heading says the title again, so that a page shows it once.
    static func repeats(_ heading: String, _ title: String) -> Bool {
        loose(heading) == loose(title)
    }

    private static func loose(_ text: String) -> String {
        text.lowercased().split { $0.isWhitespace || $0 == "-" || $0 == "_" }.joined(separator: " ")
    }
}
