import CCmarkGFM

extension TreeWalk {
    /// The document split at its top-level headings, each part's blocks as plain text, one per line.
    /// Read before the tree is edited, so wikilinks are still text and show as a reader sees them.
    /// Raw HTML blocks are left out: their links are not checked against what may be published.
    func sections(of root: OpaquePointer) -> [RenderedMarkdown.Section] {
        var headingsByLine: [Int: RenderedMarkdown.Heading] = [:]
        for heading in headings where headingsByLine[heading.line] == nil { headingsByLine[heading.line] = heading }
        var sections: [RenderedMarkdown.Section] = []
        var heading: RenderedMarkdown.Heading?
        var lines: [String] = []
        func close() {
            if heading != nil || !lines.isEmpty { sections.append(.init(heading: heading, text: lines.joined(separator: "\n"))) }
            lines = []
        }
        var block = cmark_node_first_child(root)
        while let current = block {
            if cmark_node_get_type(current) == CMARK_NODE_HEADING, let found = headingsByLine[Int(cmark_node_get_start_line(current))] {
                close()
                heading = found
            } else {
                lines += textLines(of: current)
            }
            block = cmark_node_next(current)
        }
        close()
        return sections
    }

    private func textLines(of block: OpaquePointer) -> [String] {
        var lines: [String] = []
        guard let iterator = cmark_iter_new(block) else { return lines }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                lines.append(readerText(of: node))
            case CMARK_NODE_CODE_BLOCK:
                var code = math.source(Self.literal(of: node))
                if code.hasSuffix("\n") { code.removeLast() }
                lines.append(code)
            default:
                if ["table_header", "table_row"].contains(String(cString: cmark_node_get_type_string(node))) {
                    var cells: [String] = []
                    var cell = cmark_node_first_child(node)
                    while let current = cell {
                        cells.append(readerText(of: current))
                        cell = cmark_node_next(current)
                    }
                    lines.append(cells.joined(separator: " | "))
                }
            }
        }
        return lines.filter { !$0.isEmpty }
    }
}
