import CommonsMarkdown

/// What a render of a note's published Markdown tells about it: its headings, its sections as plain
/// text and as parts of the Markdown, and its links with the offset each starts at. The build reads it
/// to place each link in bundle format 2; a reader of format 2 reads it to rebuild what the format
/// leaves out (link texts, backlink contexts, sections' text). Both read the same text the same way,
/// so they find the same facts.
struct PublishedBody: Sendable, Equatable {
    enum Written: Sendable, Equatable {
        case wikilink(WrittenWikilink)
        /// A Markdown link's destination, as written.
        case destination(String)
    }

    /// What the bundle needs of a wikilink: what it names, and how it reads.
    struct WrittenWikilink: Sendable, Equatable {
        let target: String
        let fragment: String?
        /// Its text, as a reader sees it.
        let text: String
        let isEmbed: Bool

        init(target: String, fragment: String?, text: String, isEmbed: Bool) {
            (self.target, self.fragment, self.text, self.isEmbed) = (target, fragment, text, isEmbed)
        }

        init(_ link: Wikilink) {
            self.init(target: link.target, fragment: link.fragment, text: link.readerText, isEmbed: link.isEmbed)
        }
    }

    struct Link: Sendable, Equatable {
        /// In Unicode scalars of the Markdown.
        let offset: Int
        let written: Written
        /// The text of the paragraph, list item or heading around the link, for backlinks.
        let context: String

        /// The link as the graph records it: the heading or block it points into, its text (none for a
        /// Markdown link, whose text is Markdown), and whether it embeds.
        var fragment: String? {
            switch written {
            case .wikilink(let link): link.fragment
            case .destination(let destination): NoteLink.fragment(ofDestination: destination)
            }
        }

        var text: String {
            if case .wikilink(let link) = written { link.text } else { "" }
        }

        var isEmbed: Bool {
            if case .wikilink(let link) = written { link.isEmbed } else { false }
        }
    }

    let headings: [RenderedMarkdown.Heading]
    /// The level-1 heading it opens with, if it does, which then may be the note's title.
    let openingHeading: String?
    /// Its `#tags`, without `#`, in the order of the text.
    let tags: [String]
    let sections: [RenderedMarkdown.Section]
    let parts: [MarkdownSections.Part]
    /// Markdown links, then wikilinks, each in the order of the text: the order a page's render meets
    /// them, and so the order of the graph's links.
    let links: [Link]

    init(_ markdown: String) {
        var wikilinks: [Wikilink] = []
        guard let rendered = try? MarkdownRenderer().render(markdown, wikilink: { link in
            wikilinks.append(link)
            return .text(link.readerText)
        }, tagHref: { _ in "" }, writesHTML: false) else {
            (headings, tags, sections, links, openingHeading) = ([], [], [], [], nil)
            parts = MarkdownSections.whole(markdown)
            return
        }
        headings = rendered.headings
        openingHeading = rendered.openingHeading
        tags = rendered.tags
        sections = rendered.sections
        parts = MarkdownSections.parts(of: markdown, rendered: rendered)
        var offsets = LinkOffsets(markdown)
        links = rendered.links.map { Link(offset: offsets.offset(of: $0), written: .destination($0.destination), context: $0.context) }
            + wikilinks.map { Link(offset: offsets.offset(of: $0), written: .wikilink(WrittenWikilink($0)), context: $0.context) }
    }

    init(headings: [RenderedMarkdown.Heading], openingHeading: String?, tags: [String], sections: [RenderedMarkdown.Section],
         parts: [MarkdownSections.Part], links: [Link]) {
        (self.headings, self.openingHeading, self.tags, self.sections, self.parts, self.links) = (headings, openingHeading, tags, sections, parts, links)
    }
}
