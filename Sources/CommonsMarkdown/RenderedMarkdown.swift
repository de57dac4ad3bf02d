/// A note body rendered to HTML, with the facts later stages need from its tree.
public struct RenderedMarkdown: Hashable, Sendable {
    public struct Heading: Hashable, Sendable {
        public let level: Int
        /// The heading's text with inline markup removed.
        public let text: String
        public let line: Int
        /// The heading's id in the page (GitHub's rule), for `#Heading` links.
        public let anchor: String

        public init(level: Int, text: String, line: Int, anchor: String) {
            self.level = level
            self.text = text
            self.line = line
            self.anchor = anchor
        }
    }

    public struct Link: Hashable, Sendable {
        /// The destination as written in the Markdown.
        public let destination: String
        public let isImage: Bool
        public let line: Int
        public let column: Int
        /// The text of the paragraph, list item or heading around the link, for backlinks.
        public let context: String
    }

    /// A part of the document from one top-level heading to the next (or from the start, with no heading).
    public struct Section: Hashable, Sendable {
        public let heading: Heading?
        /// Its blocks as plain text, one per line: wikilinks as their text, code as written, table cells
        /// separated by ` | `.
        public let text: String

        public init(heading: Heading?, text: String) {
            self.heading = heading
            self.text = text
        }
    }

    public let html: String
    public let headings: [Heading]
    public let sections: [Section]
    /// Every link and image destination, in document order.
    public let links: [Link]
    /// A block a `^block-id` names: the id, with its `^`, and the lines of the text the block spans.
    public struct Block: Hashable, Sendable {
        public let id: String
        public let lines: ClosedRange<Int>
    }

    /// The blocks of the text that `^block-id`s name.
    public let blocks: [Block]

    /// The `^block-id`s of the text, with their `^`.
    public var blockIDs: [String] { blocks.map(\.id) }
    /// Every `#tag` of the text, without `#`, in document order (only when tags are read).
    public let tags: [String]
    /// The text of the first paragraph, for summaries and descriptions.
    public let firstParagraph: String?
    /// True when the document opens with a level-1 heading, which then serves as the page's title.
    public let opensWithTitleHeading: Bool

    /// The text of the level-1 heading the document opens with, if it does: what may title the note.
    public var openingHeading: String? {
        opensWithTitleHeading ? headings.first?.text : nil
    }

    /// Something of the text's raw HTML that the page does not show as written (safe mode only).
    public struct LeftOutHTML: Hashable, Sendable, CustomStringConvertible {
        /// `the attribute onclick of <span>`, `<script> and its content`, …
        public let description: String
        public let line: Int
        public let column: Int
    }

    /// What the sanitiser left out of the text's raw HTML, in the order it met it.
    public var leftOutHTML: [LeftOutHTML] = []
}
