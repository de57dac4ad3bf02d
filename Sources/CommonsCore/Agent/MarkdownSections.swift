import CommonsMarkdown

/// A note's Markdown cut where the bundle's sections split it, at its top-level headings: the part
/// before the first heading when it holds anything, then each heading with what follows it up to the
/// next. Anchors are the page's, so `#anchor` links and the bundle's sections name the same parts.
/// The cut is made once, when the note's published Markdown is read (`PublishedBody`); a note of the
/// bundle keeps it as its `sectionSpans`, and `BundleDocument.Note.parts` gives it back.
public enum MarkdownSections {
    public struct Part: Sendable, Equatable {
        /// nil for the part before the first heading.
        public let anchor: String?
        public let heading: String?
        /// Where the part is in the Markdown, in Unicode scalars: from its heading line to the end of
        /// its last line that holds anything.
        public let range: Range<Int>
        /// The part as written, its heading line included, without the blank lines that end it.
        public let markdown: String
    }

    /// `markdown` as one part, for a text that could not be read.
    static func whole(_ markdown: String) -> [Part] {
        [Part(anchor: nil, heading: nil, range: 0..<markdown.unicodeScalars.count, markdown: markdown)]
    }

    /// The parts of `markdown`, which `rendered` is a render of.
    static func parts(of markdown: String, rendered: RenderedMarkdown) -> [Part] {
        let scalars = Array(markdown.unicodeScalars)
        // Each line's start and the end of what it holds, without its `\n` or `\r\n`; cmark counts from 1.
        var lines: [Range<Int>] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            lines.append(start..<(index > start && scalars[index - 1] == "\r" ? index - 1 : index))
            start = index + 1
        }
        lines.append(start..<scalars.count)
        /// The lines `range` numbers, without the blank lines that end them; nil when all are blank.
        func part(_ range: Range<Int>, anchor: String?, heading: String?) -> Part? {
            let range = range.clamped(to: 0..<lines.count)
            guard let last = lines[range].last(where: { line in scalars[line].contains { !$0.properties.isWhitespace } }) else { return nil }
            let start = lines[range.lowerBound].lowerBound
            return Part(anchor: anchor, heading: heading, range: start..<last.upperBound,
                        markdown: String(String.UnicodeScalarView(scalars[start..<last.upperBound])))
        }
        let starts = rendered.sections.compactMap { $0.heading.map { ($0, $0.line - 1) } }
        var parts: [Part] = []
        if let preamble = part(0..<(starts.first?.1 ?? lines.count), anchor: nil, heading: nil) { parts.append(preamble) }
        for (index, (heading, start)) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].1 : lines.count
            // A heading's own line holds its text, so its part is never empty.
            if let headed = part(start..<max(start + 1, end), anchor: heading.anchor, heading: heading.text) { parts.append(headed) }
        }
        return parts
    }
}
