import CCmarkGFM

/// Obsidian's math, `$…$` inline and `$$…$$` for display, kept intact for a renderer such as KaTeX or
/// MathJax. cmark-gfm knows no math: it would read `*` and `_` inside TeX as emphasis and eat the
/// backslash of `\{`. So each span is swapped for one private-use character before parsing, and put
/// back once the tree is built: as `<span class="math math-inline">\(…\)</span>` (or a `math-display`
/// `\[…\]` block) where it is text, and as it was written where it is code, raw HTML or a URL.
///
/// A span opens with `$` followed by a non-space and closes with `$` after a non-space and before
/// no digit, on one line and with no backtick inside (which would cross a code span), so that
/// "$5 and $10" stays prose; `\$` is a dollar sign. Display math may span lines when its `$$` open
/// and close lines of their own, indented less than a code block.
struct MathSpans {
    struct Span {
        /// The span as written, delimiters included.
        let source: String
        let tex: String
        let display: Bool
    }

    /// The private-use characters that stand for spans, the first one for the first span.
    private static let first: UInt32 = 0xE100
    private static let last: UInt32 = 0xF0FF

    let spans: [Span]

    /// Whether `scalar` is one of the characters this swaps in; those of the input are replaced.
    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        (first...last).contains(scalar.value)
    }

    /// `text` with each span swapped for its character, and the spans.
    static func protect(_ text: String) -> (String, MathSpans) {
        guard text.holdsBytes("$") else { return (text, MathSpans(spans: [])) }
        let characters = Array(ReservedCharacters.replaced(in: text, where: isReserved))
        var result = "", spans: [Span] = []
        result.reserveCapacity(text.utf8.count)
        var index = 0
        // Spaces since the line began, or nil once something else came.
        var indent: Int? = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                result.append(character)
                result.append(characters[index + 1])
                indent = characters[index + 1].isNewline ? 0 : nil
                index += 2
                continue
            } else if character == "$", UInt32(spans.count) <= last - first,
                      let (span, end) = span(in: characters, at: index, lineStart: indent.map { $0 < 4 } ?? false) {
                result.unicodeScalars.append(Unicode.Scalar(first + UInt32(spans.count))!)
                // The lines a display span covered stay, so that later lines keep their numbers.
                result += String(repeating: "\n", count: span.source.filter(\.isNewline).count)
                spans.append(span)
                indent = nil
                index = end
                continue
            } else {
                result.append(character)
            }
            indent = character.isNewline ? 0 : character == " " ? indent.map { $0 + 1 } : nil
            index += 1
        }
        return (result, MathSpans(spans: spans))
    }

    /// The span opening at `index`, and the index after it.
    private static func span(in characters: [Character], at index: Int, lineStart: Bool) -> (Span, Int)? {
        let display = index + 1 < characters.count && characters[index + 1] == "$"
        let open = index + (display ? 2 : 1)
        guard open < characters.count, !characters[open].isWhitespace || (display && lineStart && characters[open].isNewline) else { return nil }
        let multiline = display && lineStart && characters[open].isNewline
        var close = open
        while close < characters.count {
            let character = characters[close]
            if character == "\\" { close += 2; continue }
            if character == "`" { return nil }
            if character.isNewline {
                // A blank line ends the paragraph, and with it any span.
                guard multiline, !isBlankLine(characters, after: close) else { return nil }
            } else if character == "$" {
                let closes = display ? close + 1 < characters.count && characters[close + 1] == "$" : true
                if closes, close > open, !characters[close - 1].isWhitespace || multiline {
                    let end = close + (display ? 2 : 1)
                    if display ? (!multiline || restOfLineIsBlank(characters, from: end)) : !(end < characters.count && characters[end].isNumber) {
                        let tex = String(characters[open..<close]).trimmingSpaces
                        guard !tex.isEmpty else { return nil }
                        return (Span(source: String(characters[index..<end]), tex: tex, display: display), end)
                    }
                }
                if !display { return nil }
            }
            close += 1
        }
        return nil
    }

    private static func isBlankLine(_ characters: [Character], after newline: Int) -> Bool {
        var index = newline + 1
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        return index >= characters.count || characters[index].isNewline
    }

    private static func restOfLineIsBlank(_ characters: [Character], from start: Int) -> Bool {
        var index = start
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        return index >= characters.count || characters[index].isNewline
    }

    /// The span a character stands for, if it is one of this document's.
    private func span(for scalar: Unicode.Scalar) -> Span? {
        guard Self.isReserved(scalar) else { return nil }
        let number = Int(scalar.value - Self.first)
        return number < spans.count ? spans[number] : nil
    }

    private static func holdsSpan(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isReserved)
    }

    /// `text` with each span's character put back as the span was written: for code, URLs and plain text.
    /// The line breaks that kept a display span's lines in place go with it.
    func source(_ text: String) -> String {
        guard !spans.isEmpty, Self.holdsSpan(text) else { return text }
        // A `String`, which appends in place; a `UnicodeScalarView` copies itself for each string appended.
        var result = "", lineBreaks = 0
        for scalar in text.unicodeScalars {
            if let span = span(for: scalar) {
                result += span.source
                lineBreaks = span.source.filter(\.isNewline).count
            } else if scalar == "\n" && lineBreaks > 0 {
                lineBreaks -= 1
            } else {
                result.unicodeScalars.append(scalar)
                lineBreaks = 0
            }
        }
        return result
    }

    /// Puts every span back into the tree: math where the character stands in text, the source elsewhere.
    func restore(in root: OpaquePointer) {
        guard !spans.isEmpty, let iterator = cmark_iter_new(root) else { return }
        var texts: [OpaquePointer] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                if Self.holdsSpan(TreeWalk.literal(of: node)) { texts.append(node) }
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = TreeWalk.literal(of: node)
                if Self.holdsSpan(literal) { cmark_node_set_literal(node, source(literal)) }
                if let info = cmark_node_get_fence_info(node).map({ String(cString: $0) }), Self.holdsSpan(info) {
                    cmark_node_set_fence_info(node, source(info))
                }
            case CMARK_NODE_CUSTOM_INLINE, CMARK_NODE_CUSTOM_BLOCK:
                // HTML that commons wrote around a wikilink's or a callout's text: the source, escaped.
                if let html = cmark_node_get_on_enter(node).map({ String(cString: $0) }), Self.holdsSpan(html) {
                    cmark_node_set_on_enter(node, html.unicodeScalars.map { span(for: $0).map { HTMLEscape.text($0.source) } ?? String($0) }.joined())
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let url = cmark_node_get_url(node).map({ String(cString: $0) }), Self.holdsSpan(url) {
                    cmark_node_set_url(node, source(url))
                }
                if let title = cmark_node_get_title(node).map({ String(cString: $0) }), Self.holdsSpan(title) {
                    cmark_node_set_title(node, source(title))
                }
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        // Changed only after the walk, which changing the tree would derail.
        texts.forEach(expand)
    }

    private static func html(_ span: Span, block: Bool) -> String {
        let tex = HTMLEscape.text(span.tex)
        if block { return "<div class=\"math math-display\">\\[\(tex)\\]</div>\n" }
        return span.display ? "<span class=\"math math-display\">\\[\(tex)\\]</span>" : "<span class=\"math math-inline\">\\(\(tex)\\)</span>"
    }

    /// Replaces a text node with its text and math; a display span alone in its paragraph becomes a block.
    private func expand(_ node: OpaquePointer) {
        let literal = TreeWalk.literal(of: node)
        if let paragraph = cmark_node_parent(node), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
           cmark_node_first_child(paragraph) == node, cmark_node_next(node) == nil,
           let only = literal.trimmingSpaces.unicodeScalars.first, literal.trimmingSpaces.unicodeScalars.count == 1, let span = span(for: only), span.display {
            TreeEdits.replace(paragraph, with: Self.html(span, block: true))
            return
        }
        var pending = String.UnicodeScalarView()
        for scalar in literal.unicodeScalars {
            guard let span = span(for: scalar) else {
                pending.append(scalar)
                continue
            }
            TreeEdits.insertText(String(pending), before: node)
            pending = String.UnicodeScalarView()
            // A table cell takes only the inline kinds cmark knows: the math stays as written there.
            TreeEdits.insertCustom(Self.html(span, block: false), before: node) { TreeEdits.textNode(span.source) }
        }
        TreeEdits.insertText(String(pending), before: node)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
