import CCmarkGFM

/// One pass over a parsed document: collects headings, links and wikilink candidates, applies the
/// caller's link decisions, and notes what must change once the walk is over.
struct TreeWalk {
    let obsidian: Bool
    /// The document's math, whose characters plain text shows as the math was written.
    let math: MathSpans
    private(set) var headings: [RenderedMarkdown.Heading] = []
    private(set) var links: [RenderedMarkdown.Link] = []
    private(set) var firstParagraph: String?
    private(set) var unlinked: [OpaquePointer] = []
    /// Links to notes that are missing or not published, to be shown as links to nothing.
    private(set) var unresolvedLinks: [OpaquePointer] = []
    /// Images whose address is a video's or a tweet's page, to become links (`WebEmbeds`).
    private(set) var playerPages: [OpaquePointer] = []
    private(set) var wikilinkTexts: [OpaquePointer] = []
    private(set) var headingNodes: [(OpaquePointer, String)] = []
    private(set) var callouts: [(OpaquePointer, Callouts.Header)] = []
    /// The blocks `^block-id`s name.
    private(set) var blockIDs: [BlockIDs.Found] = []
    /// Nodes holding an escaped character's placeholder, with how to put the character back.
    private(set) var placeholderNodes: [(OpaquePointer, (OpaquePointer) -> Void)] = []
    private var anchors = HeadingAnchors()
    private var contexts: [OpaquePointer: String] = [:]
    private var autolinkTexts: Set<OpaquePointer> = []

    init(obsidian: Bool, math: MathSpans) {
        self.obsidian = obsidian
        self.math = math
    }

    mutating func visit(_ root: OpaquePointer, rewrite: (RenderedMarkdown.Link) -> MarkdownRenderer.LinkAction) throws(MarkdownError) {
        guard let iterator = cmark_iter_new(root) else { throw MarkdownError("cmark-gfm could not walk the document") }
        defer { cmark_iter_free(iterator) }
        var linkDepth = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : (event == CMARK_EVENT_EXIT ? -1 : 0)
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_HEADING:
                let text = readerText(of: node)
                let anchor = anchors.anchor(for: text)
                headings.append(.init(level: Int(cmark_node_get_heading_level(node)), text: text,
                                      line: Int(cmark_node_get_start_line(node)), anchor: anchor))
                if obsidian { headingNodes.append((node, anchor)) }
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil:
                let text = readerText(of: node)
                if !text.isEmpty { firstParagraph = text }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                visitLink(node, isImage: type == CMARK_NODE_IMAGE, rewrite: rewrite)
            case CMARK_NODE_BLOCK_QUOTE where obsidian:
                if let header = Callouts.header(of: node) { callouts.append((node, header)) }
            case CMARK_NODE_TEXT:
                let literal = Self.literal(of: node)
                if obsidian, literal.contains("^"), let found = BlockIDs.find(in: node, literal: literal) {
                    blockIDs.append(found)
                }
                if obsidian && linkDepth == 0 && (literal.holdsBytes("[[") || literal.holdsBytes("#")) {
                    wikilinkTexts.append(node)
                } else if EscapedCharacters.containsPlaceholder(literal) {
                    let restore = autolinkTexts.contains(node) ? EscapedCharacters.restoreLiteral : EscapedCharacters.restoreEscaped
                    placeholderNodes.append((node, { cmark_node_set_literal($0, restore(Self.literal(of: $0))) }))
                }
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if EscapedCharacters.containsPlaceholder(Self.literal(of: node)) {
                    placeholderNodes.append((node, { node in
                        cmark_node_set_literal(node, EscapedCharacters.restoreLiteral(Self.literal(of: node)))
                        if let info = cmark_node_get_fence_info(node) {
                            cmark_node_set_fence_info(node, EscapedCharacters.restoreEscaped(String(cString: info)))
                        }
                    }))
                }
            default:
                break
            }
        }
    }

    private mutating func visitLink(_ node: OpaquePointer, isImage: Bool, rewrite: (RenderedMarkdown.Link) -> MarkdownRenderer.LinkAction) {
        var destination = math.source(cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        if EscapedCharacters.containsPlaceholder(destination) || (cmark_node_get_title(node).map { EscapedCharacters.containsPlaceholder(String(cString: $0)) } ?? false) {
            // An autolink's text is its URL, taken literally; anywhere else the escape applies.
            let child = cmark_node_first_child(node)
            let onlyText = child.flatMap { cmark_node_next($0) == nil && cmark_node_get_type($0) == CMARK_NODE_TEXT ? Self.literal(of: $0) : nil }
            let isAutolink = !isImage && onlyText.map { destination == $0 || destination == "mailto:" + $0 } == true
            if isAutolink, let child { autolinkTexts.insert(child) }
            destination = isAutolink ? EscapedCharacters.restoreLiteral(destination) : EscapedCharacters.restoreEscaped(destination)
            cmark_node_set_url(node, destination)
            if let title = cmark_node_get_title(node) {
                cmark_node_set_title(node, EscapedCharacters.restoreEscaped(String(cString: title)))
            }
        }
        if obsidian, isImage, let text = cmark_node_last_child(node), cmark_node_get_type(text) == CMARK_NODE_TEXT,
           let (alt, size) = ImageSizes.split(alt: Self.literal(of: text)) {
            cmark_node_set_literal(text, alt)
            ImageSizes.mark(node, size: size)
        }
        let link = RenderedMarkdown.Link(
            destination: destination,
            isImage: isImage,
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node)),
            context: context(of: node)
        )
        links.append(link)
        switch rewrite(link) {
        case .keep: if obsidian, isImage, WebEmbeds.isPlayerPage(destination) { playerPages.append(node) }
        case .replace(let destination): cmark_node_set_url(node, destination)
        case .unlink: unlinked.append(node)
        case .unresolved: unresolvedLinks.append(node)
        }
    }

    /// A block's text as a reader sees it: a wikilink's target may be a private note's name, which must
    /// not reach an id, a title, a description or a backlink's context.
    func readerText(of block: OpaquePointer) -> String {
        guard obsidian else { return Self.plainText(of: block) }
        // Escapes are put back only after wikilinks are read, so that `\\[[x]]` stays literal text.
        var text = math.source(EscapedCharacters.restoreEscaped(WikilinkNodes.displayText(of: Self.plainText(of: block, restoringEscapes: false))))
        // A paragraph's `^block-id` names it; the page does not show it, so neither does its text.
        if cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH, let last = cmark_node_last_child(block), cmark_node_get_type(last) == CMARK_NODE_TEXT {
            text = BlockIDs.droppingMarker(from: text)
        }
        // A callout's first paragraph opens with its `[!kind]` marker, which a reader sees as the title.
        guard let quote = cmark_node_parent(block), cmark_node_get_type(quote) == CMARK_NODE_BLOCK_QUOTE,
              cmark_node_first_child(quote) == block, let header = Callouts.header(of: quote) else { return text }
        return Callouts.readerText(text, header: header)
    }

    /// The text of the nearest block around a node: its paragraph, heading, table cell or list item.
    mutating func context(of node: OpaquePointer) -> String {
        var block = cmark_node_parent(node)
        while let current = block, cmark_node_get_type(current).rawValue & 0xC000 != 0x8000 {
            block = cmark_node_parent(current)
        }
        guard let block else { return "" }
        if let known = contexts[block] { return known }
        let text = readerText(of: block)
        contexts[block] = text
        return text
    }

    func opensWithTitleHeading(_ root: OpaquePointer) -> Bool {
        guard let first = cmark_node_first_child(root) else { return false }
        return cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1
    }

    static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The literal text below a node, with soft and hard breaks as spaces and escapes applied. Raw
    /// HTML tags are left out, as a reader of the page never sees them: their attributes may name
    /// paths (`<a href="private/plans.md">`) that the page itself does not show.
    static func plainText(of node: OpaquePointer, restoringEscapes: Bool = true) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += literal(of: child)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return restoringEscapes ? EscapedCharacters.restoreEscaped(text) : text
    }
}
