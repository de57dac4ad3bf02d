import CommonsMarkdown

/// `sitemap.xml` and `robots.txt`, for search engines.
enum SiteIndexFiles {
    /// The sitemap needs absolute URLs, so it is written only when the base URL is known.
    static func sitemap(pagePaths: [String], baseURL: String) -> OutputFile {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pagePaths.sorted(by: { $0.precedesInBytes($1) }) {
            xml += "<url><loc>\(HTMLEscape.text(SitePath.url(of: path, baseURL: baseURL)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", text: xml)
    }

    static func robots(baseURL: String?) -> OutputFile {
        var text = "User-agent: *\nAllow: /\n"
        if let baseURL { text += "\nSitemap: \(baseURL)sitemap.xml\n" }
        return OutputFile(path: "robots.txt", text: text)
    }
}
