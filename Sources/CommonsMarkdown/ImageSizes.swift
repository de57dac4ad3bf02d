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

    /// By byte, as `ElementIDs.apply`: the title after the marker may start with a mark that would
    /// make one `Character` of it and the marker's end.
    static func apply(to html: String) -> String {
        guard html.holdsBytes(String(open)) else { return html }
        let bytes = Array(html.utf8), opening = Array(" title=\"\(open)".utf8), closing = Array(String(close).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var rest = bytes[...]
        while let start = rest.firstRange(ofBytes: opening), let end = rest[start.upperBound...].firstRange(ofBytes: closing) {
            result += rest[..<start.lowerBound]
            let numbers = String(decoding: rest[start.upperBound..<end.lowerBound], as: UTF8.self).split(separator: "x")
            let width = numbers.first.flatMap { Int($0) } ?? 0, height = numbers.last.flatMap { Int($0) } ?? 0
            result += " width=\"\(width)\"".utf8
            if height > 0 { result += " height=\"\(height)\"".utf8 }
            rest = rest[end.upperBound...]
            // What followed the marker is the image's own title, if it had one; an empty one goes.
            if rest.first == UInt8(ascii: "\"") { rest = rest.dropFirst() } else { result += " title=\"".utf8 }
        }
        result += rest
        return String(decoding: result, as: UTF8.self)
    }
}
