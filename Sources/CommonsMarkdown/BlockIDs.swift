import CCmarkGFM

/// Obsidian's block references: a paragraph ending in ` ^block-id` gets that id, so `[[Note#^block-id]]`
/// lands on it. The marker is removed from the text.
enum BlockIDs {
    static func trailingID(in text: String) -> String? {
        guard let caret = text.lastIndex(of: "^"), caret > text.startIndex,
              text[text.index(before: caret)] == " " else { return nil }
        let id = text[text.index(after: caret)...]
        guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else { return nil }
        return "^" + id
    }

    /// Removes the `^block-id` from the text, and gives the paragraph the id unless `id` is nil.
    static func mark(_ paragraph: OpaquePointer, text: OpaquePointer, id: String?) {
        var literal = TreeWalk.literal(of: text)
        while let last = literal.last, last != " " { literal.removeLast() }
        while literal.last == " " { literal.removeLast() }
        cmark_node_set_literal(text, literal)
        if let id { ElementIDs.mark(paragraph, anchor: id) }
    }
}
