import CommonsMarkdown

/// A note's Markdown cut where the bundle's sections split it, at its top-level headings: the part
/// before the first heading when it holds anything, then each heading with what follows it up to the
/// next. Anchors are the page's, so `#anchor` links and the bundle's sections name the same parts.
public enum MarkdownSections {
    public struct Part: Sendable, Equatable {
        /// nil for the part before the first heading.
        public let anchor: String?
        public let heading: String?
        /// The part as written, its heading line included, without the blank lines that end it.
        public let markdown: String
    }

    public static func cut(_ markdown: String) -> [Part] {
        // Only the tree's shape matters here: wikilinks read as their text, as the bundle's sections do.
        guard let rendered = try? MarkdownRenderer().render(markdown, wikilink: { .text($0.readerText) }) else {
            return [Part(anchor: nil, heading: nil, markdown: markdown)]
        }
        let lines = Self.lines(of: markdown)
        func text(_ range: Range<Int>) -> String {
            var kept = lines[range.clamped(to: 0..<lines.count)]
            while let last = kept.last, last.allSatisfy(\.isWhitespace) { kept.removeLast() }
            return kept.joined(separator: "\n")
        }
        // cmark counts lines from 1.
        let starts = rendered.sections.compactMap { $0.heading.map { ($0, $0.line - 1) } }
        var parts: [Part] = []
        let preamble = text(0..<(starts.first?.1 ?? lines.count))
        if !preamble.allSatisfy(\.isWhitespace) { parts.append(Part(anchor: nil, heading: nil, markdown: preamble)) }
        for (index, (heading, start)) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].1 : lines.count
            parts.append(Part(anchor: heading.anchor, heading: heading.text, markdown: text(start..<max(start, end))))
        }
        return parts
    }

    /// The lines as cmark counts them, ended by `\n` or `\r\n` (each kept without its ending).
    private static func lines(of text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
    }
}
