/// What the links of the published notes can reach, by name, path, alias and URL: made once per build
/// and shared by every stage that follows links (the notes' pages, their published Markdown, past
/// versions), because making them is a look-up table of every note.
struct LinkTables: Sendable {
    let routes: Routes
    /// Finds what a wikilink names.
    let resolver: LinkResolver
    /// Turns a Markdown link into a link between pages.
    let rewriter: LinkRewriter

    /// What routes and link tables are made from, with nothing of the notes' text: each note's path and
    /// aliases, the files notes may use, the names withheld, and the home page the settings name.
    struct Inputs: Equatable {
        let ids: [NoteID]
        let sourcePaths: [String]
        let aliases: [[String]]
        let attachments: Set<String>
        let withheld: WithheldNames
        let home: String?

        init(_ published: PublishedNotes, home: String?) {
            ids = published.notes.map(\.id)
            sourcePaths = published.notes.map(\.sourcePath)
            aliases = published.notes.map(\.frontMatter.aliases)
            attachments = published.attachments
            withheld = published.withheld
            self.home = home
        }
    }

    init(_ published: PublishedNotes, routes: Routes) {
        self.routes = routes
        resolver = LinkResolver(published)
        rewriter = LinkRewriter(published, routes: routes)
    }

    private init(routes: Routes, resolver: LinkResolver, rewriter: LinkRewriter) {
        (self.routes, self.resolver, self.rewriter) = (routes, resolver, rewriter)
    }

    /// The same tables for text that may link only to the files of `published`, the same notes with
    /// fewer attachments (see `PublishedNotes.keeping(attachments:)`): only the files' tables are made again.
    func linking(toFilesOf published: PublishedNotes) -> LinkTables {
        var rewriter = rewriter
        rewriter.attachments = published.attachments
        rewriter.withheld = published.withheld
        return LinkTables(routes: routes, resolver: resolver.linking(toFilesOf: published), rewriter: rewriter)
    }
}
