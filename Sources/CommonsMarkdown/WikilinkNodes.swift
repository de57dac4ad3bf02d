import CCmarkGFM

/// Replaces a text node holding `[[...]]` or `#tags` with text and link nodes. Links are custom inline
/// nodes, whose HTML is written here with every value escaped: raw HTML nodes would be dropped in safe mode.
enum WikilinkNodes {
    /// Expands the node; returns the tags it held, without `#`.
    static func expand(
        _ node: OpaquePointer, context: String, render: (Wikilink) -> WikilinkRendering, tagHref: ((String) -> String)?
    ) -> [String] {
        let characters = Array(TreeWalk.literal(of: node).unicodeScalars)
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let paragraph = cmark_node_parent(node)
        let inParagraph = paragraph.map { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH } ?? false
        let aloneInParagraph = inParagraph && paragraph.map { cmark_node_first_child($0) == node && cmark_node_next(node) == nil } ?? false
        // Paragraphs cut in two around an embed, to tidy once the text is expanded.
        var splits: [(before: OpaquePointer, after: OpaquePointer)] = []
        let trimmed = String(scalars: characters[...]).trimmingSpaces
        var tags: [String] = []
        var pending = String.UnicodeScalarView()
        var index = 0
        while index < characters.count {
            if let tagHref, let tag = tag(in: characters, at: index) {
                TreeEdits.insertText(String(pending), before: node)
                pending = String.UnicodeScalarView()
                let href = tagHref(tag)
                wrap("#" + tag, open: "<a class=\"tag\" href=\"\(HTMLEscape.attribute(href))\">", close: "</a>", before: node) {
                    standard(CMARK_NODE_LINK, url: href, text: "#" + tag)
                }
                tags.append(tag)
                index += tag.unicodeScalars.count + 1
                continue
            }
            guard let (link, close) = wikilink(in: characters, at: index) else {
                pending.append(characters[index])
                index += 1
                continue
            }
            if link.isEmbed { pending.removeLast() }
            TreeEdits.insertText(String(pending), before: node)
            pending = String.UnicodeScalarView()
            let rendering = render(link)
            if case .block(let html) = rendering, link.standsAlone, let paragraph {
                TreeEdits.replace(paragraph, with: html)
                return tags
            }
            if case .block(let html) = rendering {
                // Only a link in a paragraph's text becomes a block; where the paragraph cannot be
                // cut (no memory for its nodes), the reader still sees the link's text.
                if let around = cmark_node_parent(node), let cut = split(around, at: node, with: html) {
                    splits.append(cut)
                } else {
                    insert(.text(link.readerText), before: node)
                }
            } else {
                insert(rendering, before: node)
            }
            index = close + 2
        }
        TreeEdits.insertText(String(pending), before: node)
        cmark_node_unlink(node)
        cmark_node_free(node)
        tidy(splits)
        return tags

        /// The wikilink opening at `index`, and the index of its closing `]]`.
        func wikilink(in characters: [Unicode.Scalar], at index: Int) -> (Wikilink, Int)? {
            guard characters[index] == "[", index + 1 < characters.count, characters[index + 1] == "[",
                  let close = closing(in: characters, from: index + 2) else { return nil }
            let isEmbed = index > 0 && characters[index - 1] == "!"
            let start = isEmbed ? index - 1 : index
            guard let link = Wikilink(inner: Substring(String(scalars: characters[(index + 2)..<close])), isEmbed: isEmbed,
                                      line: line, column: column + start, context: context,
                                      standsAlone: aloneInParagraph && trimmed == String(scalars: characters[start...(close + 1)]),
                                      isInParagraph: inParagraph) else { return nil }
            return (link, close)
        }
    }

    /// Cuts `paragraph` in two at `node` (one of its texts) and puts `html`, an embedded note, between
    /// the halves, as Obsidian shows an embed inside a sentence on a line of its own: `node` and what
    /// follows it go to the second half, where the expansion of its text goes on. Nil when
    /// `paragraph` is no paragraph.
    private static func split(_ paragraph: OpaquePointer, at node: OpaquePointer, with html: String) -> (before: OpaquePointer, after: OpaquePointer)? {
        guard cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, let embed = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        guard let after = cmark_node_new(CMARK_NODE_PARAGRAPH) else { cmark_node_free(embed); return nil }
        cmark_node_set_on_enter(embed, html)
        cmark_node_set_on_exit(embed, "")
        cmark_node_insert_after(paragraph, embed)
        cmark_node_insert_after(embed, after)
        var next: OpaquePointer? = node
        while let moving = next {
            next = cmark_node_next(moving)
            cmark_node_append_child(after, moving)
        }
        return (paragraph, after)
    }

    /// Drops the line breaks and spaces the cuts leave at the end of each first half and the start of
    /// each second, then each half left empty, once: with two embeds in a paragraph, the second half
    /// of the first cut is the first half of the second.
    private static func tidy(_ splits: [(before: OpaquePointer, after: OpaquePointer)]) {
        var halves: [OpaquePointer] = []
        for split in splits {
            trim(split.before, fromEnd: true)
            trim(split.after, fromEnd: false)
            for half in [split.before, split.after] where !halves.contains(half) { halves.append(half) }
        }
        for half in halves where cmark_node_first_child(half) == nil {
            cmark_node_unlink(half)
            cmark_node_free(half)
        }
    }

    private static func trim(_ paragraph: OpaquePointer, fromEnd: Bool) {
        while let edge = fromEnd ? cmark_node_last_child(paragraph) : cmark_node_first_child(paragraph) {
            let type = cmark_node_get_type(edge)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK
                || (type == CMARK_NODE_TEXT && TreeWalk.literal(of: edge).allSatisfy(\.isWhitespace)) {
                cmark_node_unlink(edge)
                cmark_node_free(edge)
                continue
            }
            if type == CMARK_NODE_TEXT {
                let literal = TreeWalk.literal(of: edge)
                cmark_node_set_literal(edge, fromEnd ? String(literal.reversed().drop(while: \.isWhitespace).reversed()) : String(literal.drop(while: \.isWhitespace)))
            }
            break
        }
    }

    /// The tag written at `index` (`#tag`, `#nested/tag`), without its `#`. A tag starts a word, and is
    /// not a number alone (`#1` is not a tag).
    static func tag(in characters: [Unicode.Scalar], at index: Int) -> String? {
        guard characters[index] == "#", index == 0 || characters[index - 1].isWhiteSpace else { return nil }
        var end = index + 1
        while end < characters.count, isTagCharacter(characters[end]) {
            end += 1
        }
        var tag = String(scalars: characters[(index + 1)..<end])
        while tag.hasSuffix("/") { tag.removeLast() }
        guard !tag.isEmpty, !tag.allSatisfy(\.isNumber), !tag.hasPrefix("/") else { return nil }
        return tag
    }

    /// Letters and digits of any script, the marks that accent them, and `_`, `-` and `/`.
    private static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            true
        default:
            scalar == "_" || scalar == "-" || scalar == "/"
        }
    }

    /// Text as a reader sees it once its wikilinks are rendered: `[[a|b]]` reads `b`, `[[a]]` reads `a`.
    static func displayText(of text: String) -> String {
        guard text.holdsBytes("[[") else { return text }
        let characters = Array(text.unicodeScalars)
        // A `String`, not a `UnicodeScalarView`: appending a string's scalars to the view copies the
        // whole view each time, which made a paragraph of 200,000 links take seconds.
        var result = ""
        var index = 0
        while index < characters.count {
            if let (link, close) = wikilink(in: characters, at: index, isEmbed: result.unicodeScalars.last == "!") {
                if link.isEmbed { result.unicodeScalars.removeLast() }
                result += link.readerText
                index = close + 2
            } else {
                result.unicodeScalars.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// The wikilink whose `[[` is at `index`, and the index of its `]]`, read without a position or context.
    static func wikilink(in characters: [Unicode.Scalar], at index: Int, isEmbed: Bool) -> (Wikilink, Int)? {
        guard characters[index] == "[", index + 1 < characters.count, characters[index + 1] == "[",
              let close = closing(in: characters, from: index + 2),
              let link = Wikilink(inner: Substring(String(scalars: characters[(index + 2)..<close])), isEmbed: isEmbed, line: 0, column: 0, context: "")
        else { return nil }
        return (link, close)
    }

    /// The index of the `]]` that closes a wikilink opened before `start`, if the inside holds no bracket.
    static func closing(in characters: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            switch characters[index] {
            case "]": return characters[index + 1] == "]" && index > start ? index : nil
            case "[", "\n", "\r": return nil
            default: index += 1
            }
        }
        return nil
    }

    /// The markup of a link to nothing: a missing note's, or a private one's, which must look the same,
    /// whether written as a wikilink or as a Markdown link.
    static let unresolved = (open: "<span class=\"wikilink unresolved\">", close: "</span>")

    private static func insert(_ rendering: WikilinkRendering, before node: OpaquePointer) {
        switch rendering {
        case .text(let text):
            TreeEdits.insertText(text, before: node)
        case .link(let href, let text):
            wrap(text, open: "<a class=\"wikilink\" href=\"\(HTMLEscape.attribute(href))\">", close: "</a>", before: node) {
                standard(CMARK_NODE_LINK, url: href, text: text)
            }
        case .unresolved(let text):
            wrap(text, open: unresolved.open, close: unresolved.close, before: node) { TreeEdits.textNode(text) }
        case .media(let kind, let src, let title):
            let escapedSource = HTMLEscape.attribute(src), fallback = "<a href=\"\(escapedSource)\">\(HTMLEscape.text(title))</a>"
            let html = switch kind {
            case .audio: "<audio controls preload=\"none\" src=\"\(escapedSource)\">\(fallback)</audio>"
            case .video: "<video controls preload=\"metadata\" src=\"\(escapedSource)\">\(fallback)</video>"
            case .pdf: "<object class=\"embed-pdf\" data=\"\(escapedSource)\" type=\"application/pdf\">\(fallback)</object>"
            }
            TreeEdits.insertCustom(html, before: node) { standard(CMARK_NODE_LINK, url: src, text: title) }
        case .image(let src, let alt, let size):
            TreeEdits.insertCustom("<img src=\"\(HTMLEscape.attribute(src))\" alt=\"\(HTMLEscape.attribute(alt))\"\(size?.attributes ?? "") />", before: node) {
                let image = standard(CMARK_NODE_IMAGE, url: src, text: alt)
                if let image, let size { ImageSizes.mark(image, size: size) }
                return image
            }
        case .block:
            // Placed by `expand`, which cuts the paragraph around it.
            break
        }
    }

    private static func wrap(_ text: String, open: String, close: String, before node: OpaquePointer, fallback: () -> OpaquePointer?) {
        guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(wrapper, open)
        cmark_node_set_on_exit(wrapper, close)
        if let child = TreeEdits.textNode(text) { cmark_node_append_child(wrapper, child) }
        TreeEdits.insert(wrapper, before: node, fallback: fallback)
    }

    /// A plain cmark link or image, which every inline container accepts.
    private static func standard(_ type: cmark_node_type, url: String, text: String) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        cmark_node_set_url(node, url)
        if let child = TreeEdits.textNode(text) { cmark_node_append_child(node, child) }
        return node
    }
}

/// Escaping for HTML and XML that commons writes itself: safe in text and in quoted attributes.
public enum HTMLEscape {
    public static func text(_ text: String) -> String {
        attribute(text)
    }

    public static func attribute(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
