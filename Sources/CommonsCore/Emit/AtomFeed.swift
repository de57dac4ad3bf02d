import CommonsMarkdown

/// `feed.xml`: the recent changes as an Atom feed. Atom needs absolute links, so it is written only
/// when the base URL is known; entry ids are the commit's anchor on the recent changes page, which
/// stays the same from build to build.
enum AtomFeed {
    static func file(_ changes: [RecentChange], notes: [RenderedNote], routes: Routes, settings: Settings) -> OutputFile? {
        guard let baseURL = settings.baseURL, let newest = changes.first else { return nil }
        let titles = Dictionary(uniqueKeysWithValues: notes.map { ($0.note.id, $0.title) })
        let page = baseURL + RecentChangesPage.folder
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(HTMLEscape.text(settings.title)): recent changes</title>
            <id>\(HTMLEscape.text(page))</id>
            <link rel="self" href="\(HTMLEscape.attribute(baseURL))feed.xml"/>
            <link rel="alternate" type="text/html" href="\(HTMLEscape.attribute(page))"/>
            <updated>\(DateText.timestamp(newest.author))</updated>
            <generator>commons</generator>

            """
        for change in changes {
            let links = change.notes.map { id in
                "<a href=\"\(HTMLEscape.attribute(SitePath.url(of: routes.path(of: id) ?? "", baseURL: baseURL)))\">\(HTMLEscape.text(titles[id] ?? id.baseName))</a>"
            }
            let first = change.notes.first.flatMap { routes.path(of: $0) }.map { SitePath.url(of: $0, baseURL: baseURL) } ?? page
            xml += """
                <entry>
                <title>\(HTMLEscape.text(change.subject))</title>
                <id>\(HTMLEscape.text(page))#\(change.commit.hex)</id>
                <updated>\(DateText.timestamp(change.author))</updated>
                <author><name>\(HTMLEscape.text(change.author.name))</name></author>
                <link rel="alternate" type="text/html" href="\(HTMLEscape.attribute(first))"/>
                <content type="html">\(HTMLEscape.text("<p>Changed: " + links.joined(separator: ", ") + "</p>"))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        return OutputFile(path: "feed.xml", text: xml)
    }
}
