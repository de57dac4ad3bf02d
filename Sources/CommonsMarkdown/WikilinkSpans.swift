import CCmarkGFM

/// Obsidian reads a wikilink before any other inline syntax: `![[*.jpg|L]], ![[*.png|R]]` are two
/// embeds, not emphasis from one to the other; `[[<plugin-id>|…]]` holds no HTML tag and
/// `[[Functions#hasTag|`hasTag`]]` no code span that would cut it. cmark-gfm knows no wikilinks, so
/// each one holding such characters is swapped for one private-use character before parsing, and put
/// back as written as soon as the tree is built, where commons' reading of wikilinks finds it whole.
///
/// Left to cmark-gfm: a link with an odd number of backticks (a code span crosses it, as in
/// Obsidian), and one with a bare `|` on a line with another (a table row, which Obsidian too splits
/// at that bar: in a table the bar is written `\|`).
struct WikilinkSpans {
    /// The private-use characters that stand for links, the first one for the first link.
    private static let first: UInt32 = 0xF200
    private static let last: UInt32 = 0xF8FF
    /// What makes cmark-gfm read the inside of a link as something else.
    private static let inlineSyntax = Set("*_`<>&~\\=".unicodeScalars)

    let sources: [String]

    static func isReserved(_ scalar: Unicode.Scalar) -> Bool {
        (first...last).contains(scalar.value)
    }

    /// `text` with each wikilink that needs it swapped for its character, and the links.
    static func protect(_ text: String) -> (String, WikilinkSpans) {
        guard text.holdsBytes("[[") else { return (text, WikilinkSpans(sources: [])) }
        let scalars = Array(ReservedCharacters.replaced(in: text, where: isReserved).unicodeScalars)
        var result = String.UnicodeScalarView()
        var sources: [String] = []
        var lineStart = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" { lineStart = index + 1 }
            if scalar == "\\", index + 1 < scalars.count {
                result.append(scalar)
                result.append(scalars[index + 1])
                if scalars[index + 1] == "\n" || scalars[index + 1] == "\r" { lineStart = index + 2 }
                index += 2
                continue
            }
            if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == "[", UInt32(sources.count) <= last - first,
               let close = WikilinkNodes.closing(in: scalars, from: index + 2),
               shouldProtect(scalars[(index + 2)..<close], in: scalars, line: lineStart) {
                result.append(Unicode.Scalar(first + UInt32(sources.count))!)
                sources.append(String(scalars: scalars[index..<(close + 2)]))
                index = close + 2
                continue
            }
            result.append(scalar)
            index += 1
        }
        return (String(result), WikilinkSpans(sources: sources))
    }

    private static func shouldProtect(_ inside: ArraySlice<Unicode.Scalar>, in scalars: [Unicode.Scalar], line: Int) -> Bool {
        guard inside.contains(where: inlineSyntax.contains), inside.count(where: { $0 == "`" }) % 2 == 0 else { return false }
        return !hasBareBar(inside) || !isTableRow(scalars, from: line)
    }

    private static func hasBareBar(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        text.indices.contains { text[$0] == "|" && ($0 == text.startIndex || text[$0 - 1] != "\\") }
    }

    /// Whether the line starting at `start` has a bare `|` outside its wikilinks: a table's row.
    private static func isTableRow(_ scalars: [Unicode.Scalar], from start: Int) -> Bool {
        var index = start
        while index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" {
            if scalars[index] == "\\" {
                index += 2
            } else if scalars[index] == "[", index + 1 < scalars.count, scalars[index + 1] == "[", let close = WikilinkNodes.closing(in: scalars, from: index + 2) {
                index = close + 2
            } else if scalars[index] == "|" {
                return true
            } else {
                index += 1
            }
        }
        return false
    }

    /// `text` with each link's character replaced by the link as written; in text, with its backslash
    /// escapes applied as cmark-gfm would have applied them (`\[` and `\#` kept as `EscapedCharacters` keeps them).
    func source(_ text: String, asText: Bool = false) -> String {
        guard !sources.isEmpty, text.unicodeScalars.contains(where: Self.isReserved) else { return text }
        // A `String`, which appends in place; a `UnicodeScalarView` copies itself for each string appended.
        var result = ""
        for scalar in text.unicodeScalars {
            if Self.isReserved(scalar), case let number = Int(scalar.value - Self.first), number < sources.count {
                result += asText ? Self.escapesApplied(sources[number]) : sources[number]
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func escapesApplied(_ source: String) -> String {
        var result = String.UnicodeScalarView()
        var escaping = false
        for scalar in EscapedCharacters.protect(source).unicodeScalars {
            if !escaping && scalar == "\\" {
                escaping = true
                continue
            }
            if escaping && !scalar.isASCIIPunctuation { result.append("\\") }
            escaping = false
            result.append(scalar)
        }
        if escaping { result.append("\\") }
        return String(result)
    }

    /// Puts every link back as written, wherever cmark-gfm placed its character: text, code, raw
    /// HTML, a URL or a title.
    func restore(in root: OpaquePointer) {
        guard !sources.isEmpty, let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = TreeWalk.literal(of: node)
                let restored = source(literal, asText: cmark_node_get_type(node) == CMARK_NODE_TEXT)
                if restored != literal { cmark_node_set_literal(node, restored) }
                if let info = cmark_node_get_fence_info(node).map({ String(cString: $0) }), source(info) != info {
                    cmark_node_set_fence_info(node, source(info))
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let url = cmark_node_get_url(node).map({ String(cString: $0) }), source(url) != url { cmark_node_set_url(node, source(url)) }
                if let title = cmark_node_get_title(node).map({ String(cString: $0) }), source(title) != title { cmark_node_set_title(node, source(title)) }
            default:
                break
            }
        }
    }
}
