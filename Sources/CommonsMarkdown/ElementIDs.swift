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

    /// By byte: the heading's text after the marker may start with a joiner or a combining mark,
    /// which would make one `Character` of it and the marker's end.
    static func apply(to html: String) -> String {
        guard html.holdsBytes(String(open)) else { return html }
        let bytes = Array(html.utf8), opening = Array(String(open).utf8), closing = Array(String(close).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var rest = bytes[...]
        while let start = rest.firstRange(ofBytes: opening), let end = rest[start.upperBound...].firstRange(ofBytes: closing) {
            var before = rest[..<start.lowerBound]
            // The marker is the first child, so what precedes it is the opening tag, `<hN>`, `<p>` or `<li>`.
            if before.last == UInt8(ascii: ">") { before = before.dropLast() }
            result += before
            result += " id=\"\(HTMLEscape.attribute(String(decoding: rest[start.upperBound..<end.lowerBound], as: UTF8.self)))\">".utf8
            rest = rest[end.upperBound...]
        }
        result += rest
        return String(decoding: result, as: UTF8.self)
    }
}
