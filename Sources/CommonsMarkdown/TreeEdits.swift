import CCmarkGFM

/// Edits of the parsed tree that the Obsidian layers share: new text, commons' own HTML in place of
/// text or of a whole paragraph, each freed again where cmark refuses it.
enum TreeEdits {
    static func insertText(_ text: String, before node: OpaquePointer) {
        guard !text.isEmpty, let textNode = textNode(text) else { return }
        insert(textNode, before: node)
    }

    /// Puts a custom block holding `html` where the paragraph was, and frees the paragraph with its text.
    static func replace(_ paragraph: OpaquePointer, with html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        insert(block, before: paragraph)
        cmark_node_unlink(paragraph)
        cmark_node_free(paragraph)
    }

    static func insertCustom(_ html: String, before node: OpaquePointer, fallback: () -> OpaquePointer?) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        insert(custom, before: node, fallback: fallback)
    }

    /// Inserts `custom` before `node`. Where cmark refuses it (a table cell takes only the inline kinds
    /// it knows), the custom node is freed and the standard node `fallback` makes goes there instead.
    static func insert(_ custom: OpaquePointer, before node: OpaquePointer, fallback: () -> OpaquePointer? = { nil }) {
        if cmark_node_insert_before(node, custom) == 1 { return }
        cmark_node_free(custom)
        if let plain = fallback(), cmark_node_insert_before(node, plain) != 1 { cmark_node_free(plain) }
    }

    /// A text node of `text`, with escaped characters put back as cmark would have read them.
    static func textNode(_ text: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        cmark_node_set_literal(node, EscapedCharacters.restoreEscaped(text))
        return node
    }
}
