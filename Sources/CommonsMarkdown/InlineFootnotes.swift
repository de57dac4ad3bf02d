import CCmarkGFM

/// Obsidian's inline footnotes, `text^[the note's text]`: a footnote written where it is referred to,
/// numbered and listed at the end of the note like those written `[^1]`. cmark-gfm knows only the
/// latter, and reads `^[…]` as text around whatever inline Markdown it holds; the footnote is found in
/// the tree and moved, its Markdown kept, into a list of its own after cmark-gfm's, numbered on from
/// it, in the same markup.
enum InlineFootnotes {
    /// Finds the inline footnotes below `root`, in document order, and moves them to the end.
    static func apply(below root: OpaquePointer) {
        var containers: [OpaquePointer] = []
        var seen: Set<OpaquePointer> = []
        var labelled = 0
        guard let iterator = cmark_iter_new(root) else { return }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION { labelled += 1 }
            guard type == CMARK_NODE_TEXT, TreeWalk.literal(of: node).holdsBytes("^["), let parent = cmark_node_parent(node),
                  seen.insert(parent).inserted else { continue }
            containers.append(parent)
        }
        cmark_iter_free(iterator)
        var footnotes: [OpaquePointer] = []
        for container in containers {
            footnotes += extract(from: container, numberedFrom: labelled + footnotes.count + 1)
        }
        guard !footnotes.isEmpty else { return }
        append(footnotes, to: root, first: labelled + 1)
    }

    /// Replaces each `^[…]` among the children of `container` by its reference, and gives each
    /// footnote's text as a paragraph, not yet in the tree.
    private static func extract(from container: OpaquePointer, numberedFrom first: Int) -> [OpaquePointer] {
        var footnotes: [OpaquePointer] = []
        var child = cmark_node_first_child(container)
        while let node = child {
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let (opening, closing) = span(from: node) else {
                child = cmark_node_next(node)
                continue
            }
            let number = first + footnotes.count
            guard let reference = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return footnotes }
            cmark_node_set_on_enter(reference, "<sup class=\"footnote-ref\"><a href=\"#fn-inline-\(number)\" id=\"fnref-inline-\(number)\" data-footnote-ref>\(number)</a></sup>")
            cmark_node_set_on_exit(reference, "")
            // A table cell takes no HTML of commons' own: there the footnote stays as written.
            guard cmark_node_insert_before(node, reference) == 1 else {
                cmark_node_free(reference)
                child = cmark_node_next(node)
                continue
            }
            cmark_node_unlink(reference)
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return footnotes }
            let after = move(opening: opening, closing: closing, into: paragraph, reference: reference)
            footnotes.append(paragraph)
            child = after
        }
        return footnotes
    }

    /// Where a footnote opened in `start` ends: the offsets (in bytes of each text's literal) of its
    /// `^[` and of the `]` that closes it, whose text may be a later sibling. Brackets inside pair up;
    /// other inline nodes (emphasis, code, links) are the footnote's text whole.
    private static func span(from start: OpaquePointer) -> (opening: (OpaquePointer, Int), closing: (OpaquePointer, Int))? {
        let literal = Array(TreeWalk.literal(of: start).utf8)
        var from = 0
        while let caret = literal[from...].firstIndex(of: UInt8(ascii: "^")) {
            guard caret + 1 < literal.count, literal[caret + 1] == UInt8(ascii: "[") else {
                from = caret + 1
                continue
            }
            var depth = 1
            var node: OpaquePointer? = start
            var index = caret + 2
            while let current = node {
                if cmark_node_get_type(current) == CMARK_NODE_TEXT {
                    let bytes = current == start ? literal : Array(TreeWalk.literal(of: current).utf8)
                    while index < bytes.count {
                        if bytes[index] == UInt8(ascii: "[") { depth += 1 }
                        if bytes[index] == UInt8(ascii: "]") {
                            depth -= 1
                            if depth == 0 { return ((start, caret), (current, index)) }
                        }
                        index += 1
                    }
                } else if cmark_node_get_type(current) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(current) == CMARK_NODE_LINEBREAK {
                    // A footnote ends with its line, as in Obsidian.
                    break
                }
                node = cmark_node_next(current)
                index = 0
            }
            from = caret + 2
        }
        return nil
    }

    /// Moves what stands between the `^[` and the `]` into `paragraph`, puts `reference` where the
    /// footnote was, and gives the node after it.
    private static func move(opening: (OpaquePointer, Int), closing: (OpaquePointer, Int), into paragraph: OpaquePointer,
                             reference: OpaquePointer) -> OpaquePointer? {
        let (first, caret) = opening
        let (last, bracket) = closing
        let firstBytes = Array(TreeWalk.literal(of: first).utf8)
        let lastBytes = first == last ? firstBytes : Array(TreeWalk.literal(of: last).utf8)
        let before = String(decoding: firstBytes[..<caret], as: UTF8.self)
        let after = String(decoding: lastBytes[(bracket + 1)...], as: UTF8.self)
        if first == last {
            append(text: String(decoding: firstBytes[(caret + 2)..<bracket], as: UTF8.self), to: paragraph)
        } else {
            append(text: String(decoding: firstBytes[(caret + 2)...], as: UTF8.self), to: paragraph)
            while let node = cmark_node_next(first), node != last {
                cmark_node_append_child(paragraph, node)
            }
            append(text: String(decoding: lastBytes[..<bracket], as: UTF8.self), to: paragraph)
        }
        cmark_node_set_literal(first, before)
        cmark_node_insert_after(first, reference)
        if first != last {
            cmark_node_set_literal(last, after)
            return last
        }
        guard let rest = TreeEdits.textNode(after) else { return nil }
        // The literal is as cmark-gfm gave it: no escape is read again.
        cmark_node_set_literal(rest, after)
        cmark_node_insert_after(reference, rest)
        return rest
    }

    private static func append(text: String, to paragraph: OpaquePointer) {
        guard !text.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(node, text)
        cmark_node_append_child(paragraph, node)
    }

    /// The footnotes, after everything else in the document, in cmark-gfm's markup: as items of its
    /// list when the note has labelled footnotes (cmark-gfm closes that list as the document ends, so
    /// what follows its last footnote is in it), else in a list of their own.
    private static func append(_ footnotes: [OpaquePointer], to root: OpaquePointer, first: Int) {
        guard let section = first > 1 ? root : cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return footnotes.forEach { cmark_node_free($0) } }
        if section != root {
            cmark_node_set_on_enter(section, "<section class=\"footnotes\" data-footnotes>\n<ol>")
            cmark_node_set_on_exit(section, "</ol>\n</section>")
        }
        for (offset, paragraph) in footnotes.enumerated() {
            let number = first + offset
            if let back = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
                cmark_node_set_on_enter(back, " <a href=\"#fnref-inline-\(number)\" class=\"footnote-backref\" data-footnote-backref "
                    + "data-footnote-backref-idx=\"\(number)\" aria-label=\"Back to reference \(number)\">↩</a>")
                cmark_node_set_on_exit(back, "")
                cmark_node_append_child(paragraph, back)
            }
            guard let item = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { cmark_node_free(paragraph); continue }
            cmark_node_set_on_enter(item, "<li id=\"fn-inline-\(number)\">")
            cmark_node_set_on_exit(item, "</li>")
            cmark_node_append_child(item, paragraph)
            cmark_node_append_child(section, item)
        }
        if section != root { cmark_node_append_child(root, section) }
    }
}
