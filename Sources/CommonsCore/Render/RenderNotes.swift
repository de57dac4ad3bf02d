import CommonsMarkdown

/// Stage 4: renders every published note's body with cmark-gfm and settles its title and description.
enum RenderNotes {
    struct Output {
        var notes: [RenderedNote]
        /// Files below the content folder that published notes use, to be copied into the site.
        var usedAttachments: Set<String>
        var diagnostics: [Diagnostic]
    }

    static func run(_ published: PublishedNotes, routes: Routes, options: MarkdownOptions) throws -> Output {
        let renderer = MarkdownRenderer(options: options)
        let rewriter = LinkRewriter(
            routes: routes,
            // Paths that differ only in Unicode normalisation are one key to Swift; the first note wins
            // (the routes stage has already reported the clash of their URLs).
            notesByPath: Dictionary(published.notes.map { ($0.id.path, $0.id) }) { first, _ in first },
            attachments: published.attachments
        )
        var output = Output(notes: [], usedAttachments: [], diagnostics: [])
        for note in published.notes {
            guard let pagePath = routes.path(of: note.id) else { continue }
            var used: [String] = []
            var problems: [Diagnostic] = []
            let rendered: RenderedMarkdown
            do {
                rendered = try renderer.render(note.body) { link in
                    let outcome = rewriter.rewrite(link.destination, from: note.id, pagePath: pagePath)
                    if let attachment = outcome.attachment { used.append(attachment) }
                    if let problem = outcome.problem {
                        problems.append(Diagnostic(path: note.sourcePath, line: link.line + note.bodyLineOffset, column: link.column,
                                                   message: problem, rule: "broken-link"))
                    }
                    return outcome.action
                }
            } catch {
                throw BuildError("\(note.sourcePath): error: \(error)")
            }
            output.usedAttachments.formUnion(used)
            output.diagnostics += problems
            output.notes.append(RenderedNote(
                note: note,
                pagePath: pagePath,
                title: note.frontMatter.title
                    ?? rendered.headings.first { $0.level == 1 }?.text.trimmed.nonEmpty
                    ?? note.id.baseName,
                description: note.frontMatter.description ?? rendered.firstParagraph.map(summary),
                html: rendered.html,
                headings: rendered.headings,
                bodyHasTitle: rendered.opensWithTitleHeading
            ))
        }
        return output
    }

    /// The first paragraph cut at a word boundary, short enough for a search result or a link preview.
    static func summary(_ text: String) -> String {
        let limit = 200
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
