import CCmarkGFM

/// A note's raw HTML in safe mode, sanitised rather than dropped. cmark-gfm writes each piece of raw
/// HTML as `<!-- raw HTML omitted -->`; the pieces go back in their places and the whole body goes
/// through `HTMLSanitizer`, which knows the note's raw HTML from the markup around it by where it stands.
///
/// The whole body, not each piece: cmark-gfm cuts inline HTML into one piece per tag (`<kbd>`, the
/// text, `</kbd>`), and a `<details>` may open in one HTML block and close in another with Markdown
/// between them. Parsed together, they nest as a browser nests them, and nothing of the note can
/// close or open an element of the page around it.
struct RawHTML {
    private struct Piece {
        /// As written, with math and escapes put back.
        let literal: String
        let isBlock: Bool
        let line: Int
        let column: Int
        /// The text of the paragraph around an inline piece, for a link's context.
        let context: String
    }

    private let pieces: [Piece]
    /// How deep cmark-gfm's tree nests, which bounds how deep commons' own markup does.
    private let depth: Int

    private static let omitted = Array("<!-- raw HTML omitted -->".utf8)
    private static let leaves = Set([CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
                                     CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE].map(\.rawValue))
    /// The most tags of raw HTML a note may hold to be sanitised.
    private static let tagLimit = 10_000

    /// Reads the document's raw HTML in the order cmark-gfm renders it, before the tree is edited:
    /// a callout's title is rendered on its own and then freed, raw HTML and all.
    init(below root: OpaquePointer, math: MathSpans, context: (OpaquePointer) -> String) {
        var pieces: [Piece] = []
        var depth = 0, deepest = 0
        if let iterator = cmark_iter_new(root) {
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator) else { continue }
                if event == CMARK_EVENT_EXIT { depth -= 1; continue }
                depth += 1
                deepest = max(deepest, depth)
                let type = cmark_node_get_type(node)
                // The iterator leaves only the nodes that hold no others, which it enters and never exits.
                if Self.leaves.contains(type.rawValue) { depth -= 1 }
                guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
                // Past the most tags a note may hold (see `tooCostly`), what more there is does not matter.
                if pieces.count > Self.tagLimit { break }
                let isBlock = type == CMARK_NODE_HTML_BLOCK
                pieces.append(Piece(literal: math.source(TreeWalk.literal(of: node)), isBlock: isBlock,
                                    line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)),
                                    context: isBlock ? "" : context(node)))
            }
            cmark_iter_free(iterator)
        }
        self.pieces = pieces
        self.depth = deepest
    }

    /// `html`, rendered in safe mode from the same tree, with its raw HTML put back and sanitised.
    /// `rewrite` decides what becomes of each URL of the raw HTML, as it does for Markdown links.
    func sanitize(_ html: String, rewrite: (RenderedMarkdown.Link) -> MarkdownRenderer.LinkAction) -> (String, [RenderedMarkdown.LeftOutHTML]) {
        guard let first = pieces.first else { return (html, []) }
        if let reason = tooCostly(html) {
            return (html, [.init(description: "all of it: \(reason)", line: first.line, column: first.column)])
        }
        let rendered = Array(html.utf8)
        let places = Self.places(of: Self.omitted, in: rendered)
        guard places.count == pieces.count else {
            return (html, [.init(description: "all of it, as commons could not place it in the page", line: first.line, column: first.column)])
        }
        var spliced: [UInt8] = []
        spliced.reserveCapacity(rendered.count + pieces.reduce(0) { $0 + $1.literal.utf8.count })
        var regions: [Range<Int>] = []
        var next = 0
        for (piece, place) in zip(pieces, places) {
            spliced += rendered[next..<place]
            next = place + Self.omitted.count
            // A block is followed by a line break either way; cmark-gfm writes one only when the HTML
            // does not end in one, and after the comment always.
            if piece.isBlock, piece.literal.utf8.last == UInt8(ascii: "\n"), next < rendered.count, rendered[next] == UInt8(ascii: "\n") {
                next += 1
            }
            let literal = Self.closingWhatItLeavesOpen(Array(piece.literal.utf8))
            regions.append(spliced.count..<(spliced.count + literal.count))
            spliced += literal
        }
        spliced += rendered[next...]
        let page = String(decoding: spliced, as: UTF8.self)
        let result: HTMLSanitizer.Result
        do {
            result = try HTMLSanitizer.sanitize(page, rawRegions: regions) { use in
                let (piece, line, column) = position(of: use.offset, regions: regions)
                let link = RenderedMarkdown.Link(destination: use.url, isImage: use.isImage, line: line, column: column, context: piece.context)
                switch rewrite(link) {
                case .keep: return use.url
                case .replace(let destination): return destination
                case .unlink, .unresolved: return nil
                }
            }
        } catch {
            return (html, [.init(description: "all of it, as it could not be read: \(error)", line: first.line, column: first.column)])
        }
        let leftOut = result.removed.map { removal in
            let (_, line, column) = position(of: removal.offset, regions: regions)
            return RenderedMarkdown.LeftOutHTML(description: removal.description, line: line, column: column)
        }
        return (result.html, leftOut)
    }

    /// A piece of raw HTML, closing what it leaves open that would swallow the page after it: an element
    /// whose content is read as text to its end tag (`Use <style> for…`, an `<iframe>` closed in a later
    /// piece), or a comment. A `<plaintext>`, which nothing closes, is shown as text, as GitHub shows it.
    private static func closingWhatItLeavesOpen(_ piece: [UInt8]) -> [UInt8] {
        var bytes = piece
        let literal = String(decoding: piece, as: UTF8.self)
        let lowered = literal.lowercased()
        guard lowered.holdsBytes("<!") || lowered.holdsBytes("<?") || HTMLAllowlist.swallowing.contains(where: { lowered.holdsBytes("<" + $0) }),
              let fragment = try? HTMLFragment(parsing: literal) else { return bytes }
        // What is left open, the innermost last in document order: closed innermost first.
        var open: [(depth: Int, closer: String)] = []
        var plaintext: Int?
        var nodes = fragment.nodes.reversed().map { ($0, 0) }
        while let (node, depth) = nodes.popLast() {
            nodes += node.children.reversed().map { ($0, depth + 1) }
            if node.kind == .comment, let source = node.source, !isClosedComment(bytes[source]) {
                open.append((depth, "-->"))
            } else if node.isLeftOpen, HTMLAllowlist.swallowing.contains(node.name), let tag = node.source {
                if node.name == "plaintext" { plaintext = tag.lowerBound } else { open.append((depth, "</\(node.name)>")) }
            }
        }
        for (_, closer) in open.sorted(by: { $0.depth > $1.depth }) { bytes += closer.utf8 }
        if let plaintext { bytes.replaceSubrange(plaintext..<(plaintext + 1), with: "&lt;".utf8) }
        return bytes
    }

    private static func isClosedComment(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.starts(with: "<!--".utf8) else { return text.last == UInt8(ascii: ">") }
        return text.elementsEqual("<!-->".utf8) || text.elementsEqual("<!--->".utf8)
            || (text.count >= 7 && (text.reversed().starts(with: ">--".utf8) || text.reversed().starts(with: ">!--".utf8)))
    }

    /// The piece holding a byte of the page, and the line and column of the note where the byte is.
    private func position(of offset: Int, regions: [Range<Int>]) -> (Piece, Int, Int) {
        // The last piece that starts at or before the byte.
        var low = 0, high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if regions[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        let index = max(0, low - 1)
        let piece = pieces[index]
        let before = piece.literal.utf8.prefix(max(0, offset - regions[index].lowerBound))
        guard let lastBreak = before.lastIndex(of: UInt8(ascii: "\n")) else {
            return (piece, piece.line, piece.column + before.count)
        }
        return (piece, piece.line + before.count { $0 == UInt8(ascii: "\n") }, before.distance(from: lastBreak, to: before.endIndex))
    }

    /// Why parsing this page would cost too much, if it would. An HTML parser's work grows with how
    /// deep elements nest times how many tags there are, and formatting elements left open are
    /// reopened each time an element around them closes; gumbo also nests its own calls as deep as
    /// the elements nest. Real notes stay far below these bounds; a note written to exhaust a build
    /// goes without its raw HTML, as every note did before.
    private func tooCostly(_ html: String) -> String? {
        let limit = Self.tagLimit
        var rawTags = 0
        for piece in pieces {
            rawTags += Self.count(of: UInt8(ascii: "<"), in: piece.literal, upTo: limit + 1 - rawTags)
            if rawTags > limit { return "more than \(limit) tags, more than commons sanitises in one note" }
        }
        if depth > 1_000 { return "the note's Markdown nests \(depth) deep, more than commons sanitises (1,000)" }
        let tags = Self.count(of: UInt8(ascii: "<"), in: html, upTo: .max) + rawTags
        if tags * (depth + rawTags) > 300_000_000 || openFormatting() * (depth + rawTags) > 2_000_000 {
            return "the note has too much of it to sanitise in reasonable time"
        }
        return nil
    }

    private static func count(of byte: UInt8, in text: String, upTo limit: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for candidate in bytes where candidate == byte {
                count += 1
                if count >= limit { break }
            }
            return count
        }
    }

    /// Formatting elements (`<b>`, `<a>`, …) that the raw HTML opens and does not close, by a count of
    /// start and end tags in order, comments aside.
    private func openFormatting() -> Int {
        var open: [String: Int] = [:]
        for piece in pieces {
            var rest = Substring(piece.literal)
            while let angle = rest.firstIndex(of: "<") {
                rest = rest[rest.index(after: angle)...]
                if rest.hasPrefix("!--") {
                    rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
                    continue
                }
                let closing = rest.first == "/"
                let name = rest.dropFirst(closing ? 1 : 0).prefix { $0.isASCII && $0.isLetter }.lowercased()
                guard HTMLAllowlist.formatting.contains(name) else { continue }
                open[name, default: 0] = max(0, open[name, default: 0] + (closing ? -1 : 1))
            }
        }
        return open.values.reduce(0, +)
    }

    /// Where each occurrence of `needle` starts in `haystack`.
    private static func places(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        var places: [Int] = []
        guard let first = needle.first, haystack.count >= needle.count else { return places }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                places.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return places
    }
}
