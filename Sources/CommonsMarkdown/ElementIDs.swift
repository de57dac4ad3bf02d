import CCmarkGFM

/// cmark-gfm writes headings and paragraphs without ids. A marker inside each says which id it gets, and the
/// rendered HTML is rewritten once: `<h2>` + marker becomes `<h2 id="...">`.
enum ElementIDs {
    private static let open: Character = "\u{E001}"
    private static let close: Character = "\u{E002}"

    static func mark(_ element: OpaquePointer, anchor: String) {
        guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(marker, "\(open)\(anchor)\(close)")
        cmark_node_set_on_exit(marker, "")
        cmark_node_prepend_child(element, marker)
    }

    /// Takes the mark off `element`, if it has one, and gives its id: for a block that is written
    /// out otherwise than as itself, such as a callout's title paragraph.
    static func takeMark(from element: OpaquePointer) -> String? {
        guard let marker = cmark_node_first_child(element), cmark_node_get_type(marker) == CMARK_NODE_CUSTOM_INLINE,
              let enter = cmark_node_get_on_enter(marker).map({ String(cString: $0) }),
              enter.first == open, enter.last == close else { return nil }
        cmark_node_unlink(marker)
        cmark_node_free(marker)
        return String(enter.dropFirst().dropLast())
    }

    static func apply(to html: String) -> String {
        guard html.contains(open) else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + 64)
        var rest = Substring(html)
        while let start = rest.firstIndex(of: open), let end = rest[start...].firstIndex(of: close) {
            var before = rest[..<start]
            // The marker is the first child, so what precedes it is the opening tag, `<hN>`, `<p>` or `<li>`.
            if before.hasSuffix(">") { before = before.dropLast() }
            result += before
            result += " id=\"\(HTMLEscape.attribute(String(rest[rest.index(after: start)..<end])))\">"
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }
}
