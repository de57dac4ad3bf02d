import CCmarkGFM

/// Renders Markdown with cmark-gfm, letting the caller rewrite link and image destinations first.
public struct MarkdownRenderer: Sendable {
    public let options: MarkdownOptions

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    /// What to do with one link or image before rendering.
    public enum LinkAction: Sendable {
        case keep
        case replace(destination: String)
        /// Drop the link but keep its text (for links to notes that are not published).
        case unlink
    }

    /// Renders `text`. `rewrite` sees every link and image and decides what becomes of it.
    public func render(
        _ text: String,
        rewrite: (RenderedMarkdown.Link) -> LinkAction = { _ in .keep }
    ) throws(MarkdownError) -> RenderedMarkdown {
        CmarkDocument.lock.lock()
        defer { CmarkDocument.lock.unlock() }
        let document = try CmarkDocument(parsing: text, options: options)

        var headings: [RenderedMarkdown.Heading] = []
        var links: [RenderedMarkdown.Link] = []
        var firstParagraph: String?
        var unlinked: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document.root) else { throw MarkdownError("cmark-gfm could not walk the document") }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                headings.append(.init(
                    level: Int(cmark_node_get_heading_level(node)),
                    text: Self.plainText(of: node),
                    line: Int(cmark_node_get_start_line(node))
                ))
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil:
                let text = Self.plainText(of: node)
                if !text.isEmpty { firstParagraph = text }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let link = RenderedMarkdown.Link(
                    destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                    isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))
                )
                links.append(link)
                switch rewrite(link) {
                case .keep: break
                case .replace(let destination): cmark_node_set_url(node, destination)
                case .unlink: unlinked.append(node)
                }
            default:
                break
            }
        }
        let firstBlock = cmark_node_first_child(document.root)
        let opensWithTitleHeading = firstBlock.map {
            cmark_node_get_type($0) == CMARK_NODE_HEADING && cmark_node_get_heading_level($0) == 1
        } ?? false
        // Unlinking while iterating would invalidate the iterator, so it waits until the walk is over.
        unlinked.forEach(Self.replaceWithChildren)
        return RenderedMarkdown(html: document.html(), headings: headings, links: links, firstParagraph: firstParagraph,
                                opensWithTitleHeading: opensWithTitleHeading)
    }

    /// Moves a link's children in front of it and frees the link, leaving its text in place.
    private static func replaceWithChildren(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The literal text below a node, with soft and hard breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}
