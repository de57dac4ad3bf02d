import CCmarkGFM

/// Obsidian shows an image whose address is a YouTube video or a tweet (`![](https://www.youtube.com/watch?v=…)`,
/// as its help's "Embed web pages" writes them) as that site's player. A page of commons asks nothing
/// of another host, and the address is a page, not a picture, which an `<img>` would show as nothing:
/// such an image becomes a link to the page, reading its alt text, or the address when it has none.
enum WebEmbeds {
    private static let hosts: Set<String> = ["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "twitter.com", "www.twitter.com", "x.com"]

    /// Whether `url` is a page Obsidian embeds as a player rather than a picture.
    static func isPlayerPage(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return false }
        let host = lowered.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return hosts.contains(String(host))
    }

    /// Puts a link where `image` is, with the image's alt text as its text.
    static func replaceWithLink(_ image: OpaquePointer) {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return }
        let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        cmark_node_set_url(link, url)
        if let title = cmark_node_get_title(image) { cmark_node_set_title(link, title) }
        while let child = cmark_node_first_child(image) {
            cmark_node_append_child(link, child)
        }
        if cmark_node_first_child(link) == nil, let text = TreeEdits.textNode(url) { cmark_node_append_child(link, text) }
        guard cmark_node_insert_before(image, link) == 1 else { return cmark_node_free(link) }
        cmark_node_unlink(image)
        cmark_node_free(image)
    }
}
