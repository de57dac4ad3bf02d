import CommonsGit
import Foundation

/// The whole site as files, each made when first asked for: a build asks for all of them, `serve` for
/// the ones a browser fetches. Pages are laid out one at a time; the files made from every note at
/// once (the bundle, llms.txt, the sitemap, the feed) are made together, once.
final class SiteFiles: @unchecked Sendable {
    let pages: SitePages
    /// Files of the content folder that published notes use, by their path in the site.
    let attachments: Set<String>
    /// What the site cannot do for its notes on this machine (typeset their math).
    let mathDiagnostics: [Diagnostic]
    private let makeCollections: () throws -> [OutputFile]
    private let attachmentReader: AttachmentReader
    private let repositoryPath: (String) -> String
    /// Made files are shared by every request, and the tree an attachment is read from may be a libgit2
    /// repository, which one thread at a time may use.
    private let lock = NSLock()
    /// The files made from every note at once, in the order a build writes them; nil until asked for.
    private var collections: [OutputFile]?

    /// `recent` is the history's latest changes, when the caller has them from an earlier build; `memo`,
    /// the pages of the previous build into the folder the site is written to.
    init(_ commons: PublishedCommons, history: History, revisionTexts: [NoteID: [RevisionText]], recent: [RecentChange]? = nil,
         uncommitted: Set<NoteID> = [], memo: PageMemo? = nil) throws {
        let notes = commons.rendered.notes
        let settings = commons.settings
        let tags = commons.keeping(\.tags, for: TagIndex.Inputs(notes)) { TagIndex(notes) }
        let recent = recent ?? RecentChange.latest(history)
        let themed = SiteTemplate.Inputs(overrides: commons.source.snapshot.templateOverrides, overrideFolder: settings.templateFolder)
        let template = try commons.keeping(\.template, for: themed) { try SiteTemplate(themed) }
        let shown = RecentChange.shownCommit(built: commons.source.snapshot.commit, latest: recent.first, history: history)
        let usesMath = notes.contains { $0.usesMath }
        let math = usesMath ? MathAssets() : nil
        mathDiagnostics = usesMath && math == nil
            ? [Diagnostic(path: ".", message: "math is shown as its TeX: install Debian's libjs-katex and fonts-katex (`make deps` does) to have it typeset", rule: .mathRenderer)]
            : []
        let site = SitePages.Site(settings: settings, commit: shown?.id.short, uncommitted: uncommitted, typesetsMath: math != nil)
        let order = commons.keeping(\.order, for: NoteOrder.Inputs(notes)) { NoteOrder(notes) }
        pages = SitePages(notes, order: order, graph: commons.graph, history: history, revisionTexts: revisionTexts, recent: recent, tags: tags,
                          routes: commons.routes, site: site, template: template,
                          pastVersions: PastVersionRenderer(commons.published, links: commons.links, copied: commons.rendered.usedAttachments,
                                                            options: settings.markdownOptions, environment: commons.renderEnvironment,
                                                            renderedDigests: commons.renderedDigests),
                          memo: memo)
        let sitemapFolders = pages.sitemapFolders
        let tree = pages.tree
        attachments = commons.rendered.usedAttachments
        attachmentReader = AttachmentReader(tree: commons.source.tree)
        repositoryPath = commons.source.snapshot.repositoryPath
        makeCollections = {
            let bodies = commons.publicMarkdown.bodies(of: notes)
            let llmsInput = LLMsText.Input(notes: notes, bodies: bodies, settings: settings, home: commons.routes.home, tree: tree,
                                           publicMarkdown: commons.publicMarkdown)
            // The llms files need only the bodies: they are made on the other core while the bundle is.
            let (bundle, llms) = try Lanes.alongside({ LLMsText.files(llmsInput) }) { () throws -> [OutputFile] in
                let document = ContextBundle.document(commons, history: history, revisionTexts: revisionTexts, bodies: bodies)
                let pages = Dictionary(notes.map { (ContextBundle.bundleID(pagePath: $0.pagePath), $0) }) { first, _ in first }
                return try ContextBundle.files(document)
                    + (try commons.reusing(\.searchWords) { words in
                        try SiteSearchIndex.files(document.notes.map { (pages[$0.id]!.pagePath, pages[$0.id]!.note.id.folder, $0) }, words: words)
                    })
            }
            return bundle + llms
                + Self.siteIndexFiles(sitemapFolders: sitemapFolders, settings: settings)
                + [AtomFeed.file(recent, notes: notes, routes: commons.routes, settings: settings)].compactMap { $0 }
                + (math?.outputFiles ?? [])
        }
    }

    /// The file at `path` of the site, made now if it was not yet; nil when the site has none there.
    func file(at path: String) throws -> OutputFile? {
        if let page = try pages.file(at: path) { return page }
        // The set's own spelling: one that differs only in Unicode normalisation may name an unpublished twin.
        if let index = attachments.firstIndex(of: path) {
            return OutputFile(path: attachments[index], attachment: repositoryPath(attachments[index]))
        }
        return try collectionFiles().first { $0.path == path }
    }

    /// The bytes of a file, with an attachment read from the tree; nil when there is none at `path`, or
    /// the attachment cannot be published (a Git LFS pointer).
    func bytes(at path: String) throws -> [UInt8]? {
        guard let file = try file(at: path) else { return nil }
        switch file.contents {
        case .bytes(let bytes): return bytes
        case .attachment(let repositoryPath): return try readAttachment(repositoryPath)
        case .previousSite(let file): return try LocalFile.bytes(atPath: file)
        case .later: preconditionFailure("the site's files at a path are made already")
        case .stream(let produce):
            var bytes: [UInt8] = []
            try produce { bytes += $0 }
            return bytes
        }
    }

    /// The files made from every note at once, in the order a build writes them.
    func collectionFiles() throws -> [OutputFile] {
        try lock.withLock {
            if let collections { return collections }
            let made = try makeCollections()
            collections = made
            return made
        }
    }

    /// Every path of the site, in the order a build writes them.
    func allPaths() throws -> [String] {
        try pages.paths + collectionFiles().map(\.path) + attachments.sorted()
    }

    /// The attachments as files to copy, in path order.
    var attachmentFiles: [OutputFile] {
        attachments.sorted().map { OutputFile(path: $0, attachment: repositoryPath($0)) }
    }

    /// Reads an attachment for writing it, noting the ones that cannot be published.
    func readAttachment(_ repositoryPath: String) throws -> [UInt8]? {
        try lock.withLock { try attachmentReader.read(repositoryPath) }
    }

    /// What reading attachments found wrong so far.
    var attachmentDiagnostics: [Diagnostic] {
        lock.withLock { attachmentReader.diagnostics }
    }

    private static func siteIndexFiles(sitemapFolders: [String], settings: Settings) -> [OutputFile] {
        var files = [SiteIndexFiles.robots(baseURL: settings.baseURL)]
        if let baseURL = settings.baseURL {
            files.append(SiteIndexFiles.sitemap(pagePaths: Array(Set(sitemapFolders)), baseURL: baseURL))
        }
        return files
    }
}
