/// Makes HTML safe to publish, as GitHub does with the raw HTML of Markdown: the HTML is parsed as a
/// browser parses it (by gumbo, an HTML5 parser), and written out again with only the elements and
/// attributes `HTMLAllowlist` allows, every text and attribute value escaped here. Nothing of the input
/// is copied through as written, so markup the parser reads differently from a quick look (unclosed
/// tags, `<scr<script>ipt>`, entities in URLs, comments, CDATA) cannot smuggle anything out.
///
/// An element that is not allowed is left out and its content kept, except for elements whose content
/// is code or hidden text (`<script>`, `<style>`, `<textarea>`, …), left out whole; an `<iframe>`,
/// `<video>` or `<audio>` becomes a link to what it would have played.
public enum HTMLSanitizer {
    /// What the sanitiser left out or changed, and where.
    public struct Removal: Hashable, Sendable, CustomStringConvertible {
        /// `the element <font>`, `the attribute style of <span>`, `<script> and its content`, …
        public let description: String
        /// The byte offset in the input of the element or attribute.
        public let offset: Int
    }

    public struct Result: Sendable {
        public let html: String
        public let removed: [Removal]
    }

    /// A URL written in raw HTML, for the caller to resolve as it resolves a Markdown link's.
    struct URLUse {
        let url: String
        let isImage: Bool
        /// Where the attribute is written in the input.
        let offset: Int
    }

    /// Sanitises `html` as a note's raw HTML: everything in it is held to GitHub's allowlist.
    public static func sanitize(_ html: String) throws(MarkdownError) -> Result {
        try sanitize(html, rawRegions: [0..<html.utf8.count]) { $0.url }
    }

    /// Sanitises `html`, of which the byte ranges `rawRegions` (sorted) are a note's raw HTML and the
    /// rest markup that cmark-gfm and commons wrote. An element is the note's when its start tag
    /// begins in one of the ranges; it is held to the allowlist of raw
    /// HTML, and each URL it holds goes through `resolve`, which gives what to write instead, or nil to
    /// drop it. Commons' own elements are held to the list of the markup commons writes. Only what is
    /// left out of the note's raw HTML is reported.
    static func sanitize(_ html: String, rawRegions: [Range<Int>], resolve: (URLUse) -> String?) throws(MarkdownError) -> Result {
        let fragment: HTMLFragment
        do {
            fragment = try HTMLFragment(parsing: html)
        } catch {
            throw MarkdownError(error.description)
        }
        return withoutActuallyEscaping(resolve) { resolve in
            var writer = Writer(rawRegions: rawRegions, resolve: resolve)
            writer.write(fragment.nodes)
            return Result(html: String(decoding: writer.output, as: UTF8.self), removed: writer.removed)
        }
    }

    /// Writes the tree, depth first without recursion: a note may nest tags thousands deep.
    private struct Writer {
        let rawRegions: [Range<Int>]
        let resolve: (URLUse) -> String?
        var output: [UInt8] = []
        var removed: [Removal] = []
        private var reported: Set<Removal> = []
        /// Each raw URL is resolved once, however often the parser copies its element.
        private var resolved: [URLKey: String?] = [:]
        private struct URLKey: Hashable {
            let offset: Int
            let url: String
        }
        /// Lists and links open in the output: a `<li>` needs a list around it, and no link goes in a link.
        private var lists = 0
        private var links = 0

        private enum Step {
            case nodes(ArraySlice<HTMLFragment.Node>)
            case close(String)
        }

        init(rawRegions: [Range<Int>], resolve: @escaping (URLUse) -> String?) {
            self.rawRegions = rawRegions
            self.resolve = resolve
        }

        mutating func write(_ nodes: [HTMLFragment.Node]) {
            var steps: [Step] = [.nodes(nodes[...])]
            while let step = steps.popLast() {
                switch step {
                case .close(let name):
                    append("</\(name)>")
                    if name == "ul" || name == "ol" { lists -= 1 }
                    if name == "a" { links -= 1 }
                case .nodes(var rest):
                    guard let node = rest.popFirst() else { continue }
                    steps.append(.nodes(rest))
                    switch node.kind {
                    case .text, .whitespace:
                        appendEscaped(node.text)
                    case .template:
                        report("<template> and its content", at: node.offset)
                    case .element:
                        steps += element(node)
                    case .comment, .cdata, .other:
                        break
                    }
                }
            }
        }

        /// Writes an element's start tag, or what replaces it, and returns what remains to write.
        private mutating func element(_ node: HTMLFragment.Node) -> [Step] {
            let name = node.name
            // The parser dates an element it copies or implies where the original or the tag that implied
            // it is written: a copy of a note's element is the note's, a copy of commons' own is commons'.
            let region = region(containing: node.offset)
            let isOwn = region == nil
            guard node.isHTML else {
                if isOwn && HTMLAllowlist.OwnMarkup.svgElements.contains(name) { return svg(node, name: name) }
                report("<\(name)> and its content", at: node.offset)
                return []
            }
            if !isOwn, HTMLAllowlist.shownAsLinks.contains(name) {
                link(replacing: node, name: name, region: region)
                return []
            }
            let allowed = isOwn ? HTMLAllowlist.OwnMarkup.elements : HTMLAllowlist.elements
            guard allowed.contains(name) else {
                if HTMLAllowlist.droppedWithContent.contains(name) {
                    report("<\(name)> and its content", at: node.offset)
                    return []
                }
                // Its content stays, as the reader should see it: only the element's look is lost,
                // which is no problem of the note's to report (`<button>`, `<font>`, `<center>`).
                return [.nodes(node.children[...])]
            }
            if name == "li" && lists == 0 {
                report("the element <li> outside a list", at: node.offset)
                return [.nodes(node.children[...])]
            }
            guard let attributes = attributes(of: node, name: name, isOwn: isOwn, region: region) else { return [] }
            append("<\(name)")
            for (attribute, value) in attributes {
                append(" \(attribute)=\"")
                appendEscaped(value)
                append("\"")
            }
            if HTMLAllowlist.void.contains(name) {
                append(" />")
                return []
            }
            append(">")
            let children = node.children
            // A parser drops one line break just after `<pre>`: one more keeps the text's own.
            if name == "pre", let first = children.first, first.kind == .text || first.kind == .whitespace, first.text.hasPrefix("\n") {
                append("\n")
            }
            if name == "ul" || name == "ol" { lists += 1 }
            if name == "a" { links += 1 }
            return [.close(name), .nodes(children[...])]
        }

        /// An element of commons' own inline SVG.
        private mutating func svg(_ node: HTMLFragment.Node, name: String) -> [Step] {
            append("<\(name)")
            for attribute in node.attributes where HTMLAllowlist.OwnMarkup.svgAttributes.contains(attribute.name.lowercased()) {
                var value = attribute.value
                if attribute.name == "class" {
                    value = value.split(whereSeparator: \.isWhitespace).filter { HTMLAllowlist.OwnMarkup.allowsClass(String($0)) }.joined(separator: " ")
                }
                append(" \(attribute.name)=\"")
                appendEscaped(value)
                append("\"")
            }
            append(">")
            return [.close(name), .nodes(node.children[...])]
        }

        /// The attributes to write, or nil when the element goes with them (an image whose source may
        /// not be shown, which leaves its text; an input that is no task's box).
        private mutating func attributes(of node: HTMLFragment.Node, name: String, isOwn: Bool, region: Range<Int>?) -> [(String, String)]? {
            let allowed = isOwn ? HTMLAllowlist.OwnMarkup.attributes : HTMLAllowlist.attributes
            var kept: [(String, String)] = []
            for attribute in node.attributes {
                let offset = attribute.source?.lowerBound ?? node.offset
                // Text the parser read into a tag from outside the note's raw HTML (after an unclosed
                // quote, say) is commons' markup or another note's, not an attribute of this one.
                if !isOwn, let source = attribute.source, let region, !region.contains(source.lowerBound) || source.upperBound > region.upperBound {
                    report("the attribute \(attribute.name) of <\(name)>", at: offset)
                    continue
                }
                guard HTMLAllowlist.allows(attribute.name, on: name, in: allowed) else {
                    if !isOwn && !HTMLAllowlist.isPresentational(attribute.name) { report("the attribute \(attribute.name) of <\(name)>", at: offset) }
                    continue
                }
                var value = attribute.value
                if attribute.name == "class" {
                    value = value.split(whereSeparator: \.isWhitespace).filter { HTMLAllowlist.OwnMarkup.allowsClass(String($0)) }.joined(separator: " ")
                    if value.isEmpty { continue }
                } else if HTMLAllowlist.urlAttributes.contains(attribute.name) {
                    let isImage = attribute.name == "srcset" || (name == "img" && attribute.name == "src")
                    guard let url = isOwn ? (URLSafety.allowsInOwnMarkup(value) ? value : nil)
                        : rawURL(value, isImage: isImage, list: attribute.name == "srcset", offset: offset, attribute: attribute.name, element: name) else {
                        if name == "img" && attribute.name == "src" {
                            // An image that may not be shown leaves its text, as a Markdown image does.
                            appendEscaped(node.attributes.first { $0.name == "alt" }?.value ?? "")
                            return nil
                        }
                        continue
                    }
                    value = url
                }
                kept.append((attribute.name, value))
            }
            if isOwn && name == "input" && !kept.contains(where: { $0 == ("type", "checkbox") }) { return nil }
            return kept
        }

        /// A raw URL as the page may hold it, or nil; `list` for `srcset`'s comma-separated candidates.
        private mutating func rawURL(_ value: String, isImage: Bool, list: Bool, offset: Int, attribute: String, element: String) -> String? {
            if list {
                var candidates: [String] = []
                for candidate in value.split(separator: ",") {
                    let parts = candidate.split(whereSeparator: \.isWhitespace)
                    guard let url = parts.first, let resolved = rawURL(String(url), isImage: true, list: false, offset: offset, attribute: attribute, element: element) else { return nil }
                    candidates.append(([resolved] + parts.dropFirst().map(String.init)).joined(separator: " "))
                }
                return candidates.isEmpty ? nil : candidates.joined(separator: ", ")
            }
            guard URLSafety.allowsInRawHTML(value, isImage: isImage) else {
                let scheme = URLSafety.scheme(of: value).map { "a \($0): URL" } ?? "a URL that is not allowed"
                report("the attribute \(attribute) of <\(element)>, \(scheme)", at: offset)
                return nil
            }
            let key = URLKey(offset: offset, url: value)
            if let known = resolved[key] { return known }
            let result = resolve(URLUse(url: value, isImage: isImage, offset: offset))
            resolved[key] = result
            return result
        }

        /// An `<iframe>`, `<video>` or `<audio>` of a note: a link to its `src`, named by its title.
        private mutating func link(replacing node: HTMLFragment.Node, name: String, region: Range<Int>?) {
            let attributes = node.attributes
            let title = attributes.first { $0.name == "title" }?.value.trimmingSpaces.nonEmpty
            let source = attributes.first { $0.name == "src" }
            let inTheNote = source.flatMap { $0.source }.map { source in region.map { $0.contains(source.lowerBound) && source.upperBound <= $0.upperBound } ?? false } ?? false
            guard let source, inTheNote,
                  let url = rawURL(source.value, isImage: false, list: false, offset: source.source?.lowerBound ?? node.offset, attribute: "src", element: name) else {
                report("<\(name)> and its content", at: node.offset)
                appendEscaped(title ?? "")
                return
            }
            // Nothing is lost to report: the reader follows the link to what Obsidian would play in
            // place, and no page of the commons asks another host for anything.
            guard links == 0 else {
                appendEscaped(title ?? url)
                return
            }
            append("<a href=\"")
            appendEscaped(url)
            append("\">")
            appendEscaped(title ?? url)
            append("</a>")
        }

        private func region(containing offset: Int) -> Range<Int>? {
            var low = 0, high = rawRegions.count
            while low < high {
                let middle = (low + high) / 2
                if rawRegions[middle].upperBound <= offset { low = middle + 1 } else { high = middle }
            }
            return low < rawRegions.count && rawRegions[low].contains(offset) ? rawRegions[low] : nil
        }

        private mutating func report(_ description: String, at offset: Int) {
            guard region(containing: offset) != nil else { return }
            let removal = Removal(description: description, offset: offset)
            if reported.insert(removal).inserted { removed.append(removal) }
        }

        private mutating func append(_ text: String) {
            output += text.utf8
        }

        /// Escapes as cmark-gfm escapes text, so that commons' own markup comes out as it went in.
        private mutating func appendEscaped(_ text: String) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "&"): output += "&amp;".utf8
                case UInt8(ascii: "<"): output += "&lt;".utf8
                case UInt8(ascii: ">"): output += "&gt;".utf8
                case UInt8(ascii: "\""): output += "&quot;".utf8
                default: output.append(byte)
                }
            }
        }
    }
}
