import CommonsMarkdown

/// A published note with its body rendered, ready to be laid out as a page.
///
/// A class, for the many stages and pages that hold one: copying it is one count kept, where a copy
/// of its fields was a dozen, and those counts were a tenth of a `serve` rebuild.
public final class RenderedNote: Sendable {
    public let note: Note
    /// Its page's path from the site root, ending in `/` ("" for the home page).
    public let pagePath: String
    public let title: String
    public let description: String?
    /// The body as HTML, links already pointing at pages.
    public let html: String
    public let headings: [RenderedMarkdown.Heading]
    /// The `^block-id`s of its paragraphs.
    public let blockIDs: [String]
    /// Front-matter tags, then `#tags` of the text, without `#`, each once (letter case aside).
    public let tags: [String]
    /// The body opens with the title as a `#` heading, so the page need not repeat it.
    public let bodyHasTitle: Bool
    /// The body has math for KaTeX to typeset: known once, when the note is rendered, as `serve`
    /// would otherwise read every page again on each edit to learn whether the site needs KaTeX.
    public let usesMath: Bool

    init(note: Note, pagePath: String, title: String, description: String?, html: String, headings: [RenderedMarkdown.Heading],
         blockIDs: [String], tags: [String], bodyHasTitle: Bool, usesMath: Bool) {
        (self.note, self.pagePath, self.title, self.description, self.html) = (note, pagePath, title, description, html)
        (self.headings, self.blockIDs, self.tags, self.bodyHasTitle, self.usesMath) = (headings, blockIDs, tags, bodyHasTitle, usesMath)
    }
}
