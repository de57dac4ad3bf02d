import CCmarkGFM

/// Obsidian's block references: `^block-id` names a block, so that `[[Note#^block-id]]` lands on it and
/// `![[Note#^block-id]]` shows it alone. It stands at the end of a paragraph (` ^id`), on the line just
/// after one (a paragraph, or a quote or callout, whose last line it continues), or on a line of its
/// own after a list, table or any other block. The marker is removed from the text.
enum BlockIDs {
    /// A block id found in the tree, and what to remove once the walk is over.
    struct Found {
        /// The block the id names.
        let block: OpaquePointer
        let id: String
        /// The marker's text node, when it ends a longer text (` ^id`): cut from it, not removed.
        let trailingText: OpaquePointer?
        /// Nodes that hold only the marker (and the line break before it, or the paragraph of its own).
        let markerNodes: [OpaquePointer]
    }

    /// The id a text node of a paragraph gives, if it does: the node is the paragraph's last.
    static func find(in text: OpaquePointer, literal: String) -> Found? {
        guard cmark_node_next(text) == nil, let paragraph = cmark_node_parent(text), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return nil }
        if let id = trailingID(in: literal) {
            return Found(block: paragraph, id: id, trailingText: text, markerNodes: [])
        }
        guard let id = wholeID(literal) else { return nil }
        if let previous = cmark_node_previous(text) {
            // `^id` on the line after the paragraph's last: the paragraph's id, or its quote's when the
            // paragraph ends a quote or callout.
            let type = cmark_node_get_type(previous)
            guard type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK else { return nil }
            var block = paragraph
            if let quote = cmark_node_parent(paragraph), cmark_node_get_type(quote) == CMARK_NODE_BLOCK_QUOTE, cmark_node_next(paragraph) == nil {
                block = quote
            }
            return Found(block: block, id: id, trailingText: nil, markerNodes: [previous, text])
        }
        // A paragraph of the id alone names the block before it.
        guard let before = cmark_node_previous(paragraph) else { return nil }
        return Found(block: before, id: id, trailingText: nil, markerNodes: [paragraph])
    }

    /// ` ^id` at the end of a text, or `^id` right after an embed or link (`![[pic.png]]^id`), as Obsidian reads it.
    static func trailingID(in text: String) -> String? {
        // Most texts have no `^`: looking for it by `Character` from the end cost a fortieth of a cold build.
        guard text.utf8.contains(UInt8(ascii: "^")), let caret = text.lastIndex(of: "^"), caret > text.startIndex,
              [" ", "]", ")"].contains(text[text.index(before: caret)]) else { return nil }
        return validID(text[text.index(after: caret)...])
    }

    /// A paragraph's text without the block id it ends with (` ^id`), or empty when it is only the id.
    static func droppingMarker(from text: String) -> String {
        if wholeID(text) != nil { return "" }
        guard let id = trailingID(in: text), text.hasSuffix(id) else { return text }
        return String(text.dropLast(id.count)).trimmingSpaces
    }

    private static func wholeID(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        guard trimmed.first == "^" else { return nil }
        return validID(trimmed.dropFirst())
    }

    private static func validID(_ id: Substring) -> String? {
        guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else { return nil }
        return "^" + id
    }

    /// Removes the marker from the text, and gives the block the id unless `id` is nil: a paragraph
    /// as its own `id`, any other block inside an element that has it.
    static func mark(_ found: Found, id: String?) {
        if let text = found.trailingText {
            var literal = TreeWalk.literal(of: text)
            if let caret = literal.lastIndex(of: "^") { literal.removeSubrange(caret...) }
            while literal.last == " " { literal.removeLast() }
            cmark_node_set_literal(text, literal)
        }
        for node in found.markerNodes {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        guard let id else { return }
        if cmark_node_get_type(found.block) == CMARK_NODE_PARAGRAPH {
            ElementIDs.mark(found.block, anchor: id)
        } else if let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) {
            cmark_node_set_on_enter(wrapper, "<div id=\"\(HTMLEscape.attribute(id))\">")
            cmark_node_set_on_exit(wrapper, "</div>")
            guard cmark_node_insert_before(found.block, wrapper) == 1 else { return cmark_node_free(wrapper) }
            cmark_node_append_child(wrapper, found.block)
        }
    }

    /// The lines of the source the block spans, for embedding it alone.
    static func lines(of found: Found) -> ClosedRange<Int> {
        let start = Int(cmark_node_get_start_line(found.block))
        return start...max(start, Int(cmark_node_get_end_line(found.block)))
    }
}
