import CCmarkGFM

/// Obsidian's image sizes on images cmark-gfm renders itself (`![alt|300](pic.png)`, and embeds in
/// table cells, which take no HTML of commons' own): the size rides in the image's title as a marker,
/// and the rendered HTML is rewritten once, `title="marker"` becoming `width` and `height`.
enum ImageSizes {
    private static let open: Character = "\u{E003}"
    private static let close: Character = "\u{E004}"

    /// An image's alt text ending in `|size`: the size, and the alt text without it.
    static func split(alt: String) -> (alt: String, size: ImageSize)? {
        // An alt text that is a size alone is the size too: `![250](url)` is 250 pixels wide.
        if let size = ImageSize(alt) { return ("", size) }
        guard let bar = alt.lastIndex(of: "|"), let size = ImageSize(String(alt[alt.index(after: bar)...])) else { return nil }
        return (String(alt[..<bar]).trimmingSpaces, size)
    }

    static func mark(_ image: OpaquePointer, size: ImageSize) {
        let title = cmark_node_get_title(image).map { String(cString: $0) } ?? ""
        cmark_node_set_title(image, "\(open)\(size.width)x\(size.height ?? 0)\(close)\(title)")
    }

    static func apply(to html: String) -> String {
        guard html.contains(open) else { return html }
        var result = ""
        var rest = Substring(html)
        while let start = rest.range(of: " title=\"\(open)"), let end = rest[start.upperBound...].firstIndex(of: close) {
            result += rest[..<start.lowerBound]
            let numbers = rest[start.upperBound..<end].split(separator: "x")
            let width = numbers.first.flatMap { Int($0) } ?? 0, height = numbers.last.flatMap { Int($0) } ?? 0
            result += " width=\"\(width)\"" + (height > 0 ? " height=\"\(height)\"" : "")
            rest = rest[rest.index(after: end)...]
            // What followed the marker is the image's own title, if it had one; an empty one goes.
            if rest.hasPrefix("\"") { rest = rest.dropFirst() } else { result += " title=\"" }
        }
        return result + rest
    }
}
