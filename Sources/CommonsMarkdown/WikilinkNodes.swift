import CCmarkGFM

/// Replaces a text node holding `[[...]]` with text and link nodes. Links are custom inline nodes, whose
/// HTML is written here with every value escaped: raw HTML nodes would be dropped in safe mode.
enum WikilinkNodes {
    static func expand(_ node: OpaquePointer, context: String, render: (Wikilink) -> WikilinkRendering) -> [Wikilink] {
        let characters = Array(TreeWalk.literal(of: node))
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        var found: [Wikilink] = []
        var pending = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "[", index + 1 < characters.count, characters[index + 1] == "[",
                  let close = closing(in: characters, from: index + 2),
                  let link = Wikilink(inner: Substring(String(characters[(index + 2)..<close])),
                                      isEmbed: index > 0 && characters[index - 1] == "!" && !pending.isEmpty,
                                      line: line, column: column + index - (index > 0 && characters[index - 1] == "!" ? 1 : 0),
                                      context: context)
            else {
                pending.append(characters[index])
                index += 1
                continue
            }
            if link.isEmbed { pending.removeLast() }
            insertText(pending, before: node)
            pending = ""
            insert(render(link), before: node)
            found.append(link)
            index = close + 2
        }
        insertText(pending, before: node)
        cmark_node_unlink(node)
        cmark_node_free(node)
        return found
    }

    /// Text as a reader sees it once its wikilinks are rendered: `[[a|b]]` reads `b`, `[[a]]` reads `a`.
    static func displayText(of text: String) -> String {
        guard text.contains("[[") else { return text }
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "[", index + 1 < characters.count, characters[index + 1] == "[",
               let close = closing(in: characters, from: index + 2),
               let link = Wikilink(inner: Substring(String(characters[(index + 2)..<close])), isEmbed: false, line: 0, column: 0, context: "") {
                if result.last == "!" { result.removeLast() }
                result += link.display ?? link.defaultText
                index = close + 2
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// The index of the `]]` that closes a wikilink opened before `start`, if the inside holds no bracket.
    private static func closing(in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            switch characters[index] {
            case "]": return characters[index + 1] == "]" && index > start ? index : nil
            case "[", "\n": return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func insertText(_ text: String, before node: OpaquePointer) {
        guard !text.isEmpty, let textNode = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(textNode, EscapedBrackets.restoreEscaped(text))
        cmark_node_insert_before(node, textNode)
    }

    private static func insert(_ rendering: WikilinkRendering, before node: OpaquePointer) {
        switch rendering {
        case .text(let text):
            insertText(text, before: node)
        case .link(let href, let text):
            wrap(text, open: "<a class=\"wikilink\" href=\"\(HTMLEscape.attribute(href))\">", close: "</a>", before: node)
        case .unresolved(let text):
            wrap(text, open: "<span class=\"wikilink unresolved\">", close: "</span>", before: node)
        case .image(let src, let alt, let width):
            let widthAttribute = width.map { " width=\"\($0)\"" } ?? ""
            guard let image = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
            cmark_node_set_on_enter(image, "<img src=\"\(HTMLEscape.attribute(src))\" alt=\"\(HTMLEscape.attribute(alt))\"\(widthAttribute) />")
            cmark_node_set_on_exit(image, "")
            cmark_node_insert_before(node, image)
        }
    }

    private static func wrap(_ text: String, open: String, close: String, before node: OpaquePointer) {
        guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE), let textNode = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_on_enter(wrapper, open)
        cmark_node_set_on_exit(wrapper, close)
        cmark_node_set_literal(textNode, EscapedBrackets.restoreEscaped(text))
        cmark_node_append_child(wrapper, textNode)
        cmark_node_insert_before(node, wrapper)
    }
}

/// Escaping for HTML that commons writes itself.
enum HTMLEscape {
    static func attribute(_ text: String) -> String {
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
