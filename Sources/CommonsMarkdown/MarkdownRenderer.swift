import CCmarkGFM

/// Renders Markdown with cmark-gfm, letting the caller rewrite link destinations and, when asked,
/// read Obsidian's `[[wikilinks]]` and give headings GitHub's ids.
public struct MarkdownRenderer: Sendable {
    public let options: MarkdownOptions

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    /// What to do with one link or image before rendering.
    public enum LinkAction: Sendable {
        case keep
        case replace(destination: String)
        /// Drop the link but keep its text (for links that lead out of the commons, or to files that are
        /// not published).
        case unlink
        /// Show the link's text as a link to nothing, as a wikilink to a missing note is shown (for links
        /// to notes that are missing or not published, which look alike).
        case unresolved
    }

    /// Renders `text`. `rewrite` sees every Markdown link and image and decides what becomes of it.
    /// With `wikilink`, `[[...]]` in text (never in code, raw HTML or links) is read and shown as it
    /// decides, `\[[` stays literal, headings get ids, `$math$` is kept for a renderer, and with
    /// `tagHref` each `#tag` links where it says.
    /// `elementIDs: false` leaves ids out, for a note shown inside another whose ids they could repeat.
    /// `writesHTML: false` reads the text's facts (headings, sections, links, tags) and writes no HTML,
    /// for readers of the Markdown that show no page: most of a render's time is the HTML.
    /// `quoted` rewrites the text of each code span and code block, which shows link syntax as written:
    /// the caller drops from it what the page may not show.
    public func render(
        _ text: String,
        rewrite: (RenderedMarkdown.Link) -> LinkAction = { _ in .keep },
        wikilink: ((Wikilink) -> WikilinkRendering)? = nil,
        tagHref: ((String) -> String)? = nil,
        quoted: ((String) -> String)? = nil,
        elementIDs: Bool = true,
        writesHTML: Bool = true
    ) throws(MarkdownError) -> RenderedMarkdown {
        let obsidian = wikilink != nil
        let (protected, math) = obsidian ? MathSpans.protect(text) : (text, MathSpans(spans: []))
        let (linked, wikilinks) = obsidian ? WikilinkSpans.protect(protected) : (protected, WikilinkSpans(sources: []))
        let document = try CmarkDocument(parsing: obsidian ? EscapedCharacters.protect(linked) : text, options: options)
        wikilinks.restore(in: document.root)
        var walk = TreeWalk(obsidian: obsidian, math: math)
        try walk.visit(document.root, rewrite: rewrite)
        let sections = walk.sections(of: document.root)

        for (node, restore) in walk.placeholderNodes { restore(node) }
        // In safe mode raw HTML is sanitised rather than dropped; it is read before the tree changes.
        let rawHTML = options.unsafeHTML || !writesHTML ? nil : RawHTML(below: document.root, math: math) { walk.context(of: $0) }
        // The tree changes only after the walk, which changing it would derail, and in this order:
        // edits that keep nodes, then the ones that free text nodes, links and finally block quotes.
        var tags: [String] = []
        var blocks: [RenderedMarkdown.Block] = []
        if let wikilink {
            // An id on a line of its own after another such line would name that line, which goes:
            // it names nothing (and its block is freed before it is read).
            let markers = Set(walk.blockIDs.flatMap(\.markerNodes))
            blocks = walk.blockIDs.filter { !markers.contains($0.block) }.map { RenderedMarkdown.Block(id: $0.id, lines: BlockIDs.lines(of: $0)) }
            for found in walk.blockIDs {
                BlockIDs.mark(found, id: elementIDs && !markers.contains(found.block) ? found.id : nil)
            }
            // Each link's passage as written, read before any is expanded: an embed splits its
            // paragraph, which would leave the links after it a part of the passage for context.
            let contexts = walk.wikilinkTexts.map { walk.context(of: $0) }
            for (node, context) in zip(walk.wikilinkTexts, contexts) {
                tags += WikilinkNodes.expand(node, context: context, render: wikilink, tagHref: tagHref)
            }
            for (node, anchor) in walk.headingNodes where elementIDs {
                ElementIDs.mark(node, anchor: anchor)
            }
        }
        guard writesHTML else {
            return RenderedMarkdown(html: "", headings: walk.headings, sections: sections, links: walk.links, blocks: blocks, tags: tags,
                                    firstParagraph: walk.firstParagraph, opensWithTitleHeading: walk.opensWithTitleHeading(document.root))
        }
        if obsidian {
            Highlights.apply(below: document.root)
            InlineFootnotes.apply(below: document.root)
        }
        walk.unlinked.forEach(Self.replaceWithChildren)
        walk.unresolvedLinks.forEach(Self.markUnresolved)
        walk.playerPages.forEach(WebEmbeds.replaceWithLink)
        for (quote, header) in walk.callouts {
            Callouts.replace(quote, header: header, render: document.html(of:))
        }
        math.restore(in: document.root)
        if let quoted { Self.rewriteCode(below: document.root, with: quoted) }

        let html = document.html()
        let page = obsidian ? TaskListBoxes.name(in: Highlights.inCells(ImageSizes.apply(to: ElementIDs.apply(to: html)))) : html
        let (safe, leftOutHTML) = rawHTML?.sanitize(page, rewrite: rewrite) ?? (page, [])
        return RenderedMarkdown(
            html: safe,
            headings: walk.headings,
            sections: sections,
            links: walk.links,
            blocks: blocks,
            tags: tags,
            firstParagraph: walk.firstParagraph,
            opensWithTitleHeading: walk.opensWithTitleHeading(document.root),
            leftOutHTML: leftOutHTML
        )
    }

    private static func rewriteCode(below root: OpaquePointer, with quoted: (String) -> String) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK else { continue }
            let literal = TreeWalk.literal(of: node)
            let rewritten = quoted(literal)
            if rewritten != literal { cmark_node_set_literal(node, rewritten) }
        }
    }

    /// Puts the link's text in the span a wikilink to nothing gets, so that the two look alike; in a
    /// table cell, which takes no HTML of commons' own, the text alone.
    private static func markUnresolved(_ node: OpaquePointer) {
        guard let span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return replaceWithChildren(node) }
        cmark_node_set_on_enter(span, WikilinkNodes.unresolved.open)
        cmark_node_set_on_exit(span, WikilinkNodes.unresolved.close)
        guard cmark_node_insert_before(node, span) == 1 else {
            cmark_node_free(span)
            return replaceWithChildren(node)
        }
        while let child = cmark_node_first_child(node) {
            cmark_node_append_child(span, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Moves a link's children in front of it and frees the link, leaving its text in place.
    private static func replaceWithChildren(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
