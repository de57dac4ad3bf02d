import CCmarkGFM

/// Obsidian's highlights: `==text==` becomes `<mark>text</mark>`. As with emphasis, the text may
/// hold other inline Markdown (`==a **bold** word==`), an opening `==` is followed by a non-space and
/// a closing one preceded by one, and both stand in the same paragraph, heading or cell. cmark-gfm
/// has no such extension, so the pairs are found in its tree once it is built.
enum Highlights {
    private static let delimiter = "=="

    static func apply(below root: OpaquePointer) {
        var containers: [OpaquePointer] = []
        var seen: Set<OpaquePointer> = []
        guard let iterator = cmark_iter_new(root) else { return }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT,
                  TreeWalk.literal(of: node).holdsBytes(delimiter), let parent = cmark_node_parent(node), seen.insert(parent).inserted else { continue }
            containers.append(parent)
        }
        cmark_iter_free(iterator)
        containers.forEach(highlight)
    }

    private static func highlight(in container: OpaquePointer) {
        var delimiters: [OpaquePointer] = []
        var child = cmark_node_first_child(container)
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT else { continue }
            let literal = TreeWalk.literal(of: node)
            guard literal.holdsBytes(delimiter) else { continue }
            for piece in pieces(of: literal) {
                guard let text = TreeEdits.textNode(piece) else { continue }
                cmark_node_insert_before(node, text)
                if piece == delimiter { delimiters.append(text) }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        var index = 0
        while index < delimiters.count {
            let open = delimiters[index]
            guard canOpen(open), let closing = delimiters[(index + 1)...].firstIndex(where: canClose) else {
                index += 1
                continue
            }
            wrap(from: open, to: delimiters[closing])
            index = closing + 1
        }
    }

    /// `literal` cut at each `==`, the delimiters kept as pieces of their own.
    /// By byte: `==` followed by a combining mark ends in one `Character` with it.
    private static func pieces(of literal: String) -> [String] {
        var pieces: [String] = []
        var rest = Array(literal.utf8)[...]
        while let range = rest.firstRange(ofBytes: Array(delimiter.utf8)) {
            if range.lowerBound > rest.startIndex { pieces.append(String(decoding: rest[..<range.lowerBound], as: UTF8.self)) }
            pieces.append(delimiter)
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(String(decoding: rest, as: UTF8.self)) }
        return pieces
    }

    private static func canOpen(_ node: OpaquePointer) -> Bool {
        guard let next = cmark_node_next(node) else { return false }
        guard cmark_node_get_type(next) == CMARK_NODE_TEXT else { return cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK }
        let text = TreeWalk.literal(of: next)
        return text != delimiter && !(text.first?.isWhitespace ?? true)
    }

    private static func canClose(_ node: OpaquePointer) -> Bool {
        guard let previous = cmark_node_previous(node) else { return false }
        guard cmark_node_get_type(previous) == CMARK_NODE_TEXT else { return cmark_node_get_type(previous) != CMARK_NODE_SOFTBREAK }
        let text = TreeWalk.literal(of: previous)
        return text != delimiter && !(text.last?.isWhitespace ?? true)
    }

    /// Moves what stands between the two delimiters into a `<mark>`, and removes the delimiters.
    private static func wrap(from open: OpaquePointer, to close: OpaquePointer) {
        guard let mark = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(mark, "<mark>")
        cmark_node_set_on_exit(mark, "</mark>")
        if cmark_node_insert_before(open, mark) != 1 {
            // A table cell takes only the inline kinds cmark-gfm knows: there the highlight is an
            // emphasis whose text starts and ends with a marker, which `inCells` turns into `<mark>`.
            cmark_node_free(mark)
            guard let emphasis = cmark_node_new(CMARK_NODE_EMPH) else { return }
            guard cmark_node_insert_before(open, emphasis) == 1 else { return cmark_node_free(emphasis) }
            move(from: open, to: close, into: emphasis, between: (cellOpen, cellClose))
        } else {
            move(from: open, to: close, into: mark, between: nil)
        }
        for delimiter in [open, close] {
            cmark_node_unlink(delimiter)
            cmark_node_free(delimiter)
        }
    }

    private static func move(from open: OpaquePointer, to close: OpaquePointer, into container: OpaquePointer,
                             between markers: (Character, Character)?) {
        if let markers, let text = TreeEdits.textNode(String(markers.0)) { cmark_node_append_child(container, text) }
        while let node = cmark_node_next(open), node != close {
            cmark_node_append_child(container, node)
        }
        if let markers, let text = TreeEdits.textNode(String(markers.1)) { cmark_node_append_child(container, text) }
    }

    /// Private-use characters that text cannot hold (`EscapedCharacters` replaces them).
    private static let cellOpen: Character = "\u{E005}"
    private static let cellClose: Character = "\u{E006}"

    /// The rendered HTML with the highlights of table cells written as `<mark>`.
    static func inCells(_ html: String) -> String {
        guard html.holdsBytes(String(cellOpen)) else { return html }
        return html.replacingBytes(of: "<em>\(cellOpen)", with: "<mark>").replacingBytes(of: "\(cellClose)</em>", with: "</mark>")
    }
}
