import CCmarkGFM

/// Obsidian's callouts: a block quote whose first line is `[!kind] Title`, `[!kind]- Title` (folded)
/// or `[!kind]+ Title` (foldable, open). Foldable ones become `<details>`, so they work without script.
enum Callouts {
    struct Header {
        let kind: String
        let title: String
        /// nil: not foldable; true: open; false: folded.
        let open: Bool?
    }

    /// Reads `[!kind]±? Title` from the start of a block quote's first line.
    static func header(of quote: OpaquePointer) -> Header? {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT else { return nil }
        let line = EscapedCharacters.restoreEscaped(TreeWalk.literal(of: first))
        guard line.hasPrefix("[!"), let close = line.firstIndex(of: "]") else { return nil }
        let kind = line[line.index(line.startIndex, offsetBy: 2)..<close].lowercased()
        guard !kind.isEmpty, kind.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        var rest = line[line.index(after: close)...]
        var open: Bool?
        if rest.first == "-" { open = false; rest = rest.dropFirst() } else if rest.first == "+" { open = true; rest = rest.dropFirst() }
        let title = String(rest).trimmingSpaces
        return Header(kind: kind, title: title.isEmpty ? kind.prefix(1).uppercased() + kind.dropFirst() : title, open: open)
    }

    /// The text of a callout's first paragraph as a reader sees it: its title where the `[!kind]±`
    /// marker was (the kind's name, when the header line gives no title), then the rest.
    static func readerText(_ text: String, header: Header) -> String {
        var rest = text.drop { $0 != "]" }.dropFirst()
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let shown = String(rest).trimmingSpaces
        return shown.hasPrefix(header.title) ? shown : (header.title + " " + shown).trimmingSpaces
    }

    /// Replaces the block quote with the callout's HTML around its remaining content. The title is the
    /// rest of the header line, rendered as Markdown (`render` gives a node's HTML), after the kind's icon.
    static func replace(_ quote: OpaquePointer, header: Header, render: (OpaquePointer) -> String) {
        guard let callout = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), let paragraph = cmark_node_first_child(quote),
              let title = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return }
        defer { cmark_node_free(title) }
        // A block id on the header's paragraph names the callout (the title is no block of its own).
        let id = ElementIDs.takeMark(from: paragraph).map { " id=\"\(HTMLEscape.attribute($0))\"" } ?? ""
        // The header line goes: `[!kind]±` from its first text, the rest up to its line break into the title.
        if let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT {
            let literal = TreeWalk.literal(of: first)
            var rest = literal.drop { $0 != "]" }.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            cmark_node_set_literal(first, String(rest.drop { $0 == " " }))
        }
        while let node = cmark_node_first_child(paragraph) {
            let type = cmark_node_get_type(node)
            cmark_node_unlink(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                cmark_node_free(node)
                break
            }
            if cmark_node_append_child(title, node) != 1 { cmark_node_free(node) }
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        // Rendered in place: cmark-gfm's renderer looks at a node's surroundings.
        cmark_node_insert_before(quote, title)
        var titleHTML = render(title).trimmingSpaces
        cmark_node_unlink(title)
        if titleHTML.hasPrefix("<p>") && titleHTML.hasSuffix("</p>") { titleHTML = String(titleHTML.dropFirst(3).dropLast(4)) }
        if titleHTML.isEmpty { titleHTML = HTMLEscape.text(header.title) }
        let kind = HTMLEscape.attribute(header.kind)
        let heading = CalloutIcons.svg(for: header.kind) + "<span class=\"callout-title-text\">\(titleHTML)</span>"
        if let open = header.open {
            cmark_node_set_on_enter(callout, "<details class=\"callout\"\(id) data-callout=\"\(kind)\"\(open ? " open" : "")>\n<summary class=\"callout-title\">\(heading)</summary>\n<div class=\"callout-body\">")
            cmark_node_set_on_exit(callout, "</div>\n</details>")
        } else {
            cmark_node_set_on_enter(callout, "<aside class=\"callout\"\(id) data-callout=\"\(kind)\">\n<p class=\"callout-title\">\(heading)</p>\n<div class=\"callout-body\">")
            cmark_node_set_on_exit(callout, "</div>\n</aside>")
        }
        while let child = cmark_node_first_child(quote) {
            cmark_node_append_child(callout, child)
        }
        cmark_node_insert_before(quote, callout)
        cmark_node_unlink(quote)
        cmark_node_free(quote)
    }
}
