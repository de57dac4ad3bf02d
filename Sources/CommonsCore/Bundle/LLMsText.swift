/// The commons as the llms.txt convention (llmstxt.org) lays it out for language models: each note's
/// Markdown beside its page (`index.html.md`), an index of them in `llms.txt`, and all of them in one
/// `llms-full.txt`. The Markdown is the note's filtered Markdown, the same as in the bundle.
enum LLMsText {
    static func files(_ notes: [RenderedNote], bodies: [NoteID: String], settings: Settings, home: NoteID?) -> [OutputFile] {
        let ordered = notes.sorted { $0.pagePath.utf8.lexicographicallyPrecedes($1.pagePath.utf8) }
        let markdown = ordered.map { note in
            let body = bodies[note.note.id]!.trimmingNewlines
            return note.bodyHasTitle ? body : "# \(note.title)\n\n" + body
        }
        var files = zip(ordered, markdown).map { note, text in OutputFile(path: markdownPath(of: note.pagePath), text: text + "\n") }
        files.append(OutputFile(path: "llms.txt", text: index(ordered, settings: settings, home: home)))
        files.append(OutputFile(path: "llms-full.txt", text: zip(ordered, markdown).map { note, text in
            "# \(note.title)\n\nURL: \(SitePath.url(of: note.pagePath, baseURL: settings.baseURL))\nSource: \(note.note.sourcePath)\n\n\(text)\n"
        }.joined(separator: "\n---\n\n")))
        return files
    }

    /// Where the llms.txt convention puts a page's Markdown: its URL with `index.html.md` for a folder URL.
    static func markdownPath(of pagePath: String) -> String {
        pagePath + "index.html.md"
    }

    /// `# title`, a `>` summary, then a section of links per top-level folder, notes at the top first.
    private static func index(_ notes: [RenderedNote], settings: Settings, home: NoteID?) -> String {
        let summary = notes.first { $0.note.id == home }?.description ?? "A knowledge commons of \(notes.count) notes."
        var text = "# \(oneLine(settings.title))\n\n> \(oneLine(summary))\n\n"
        text += "Each link is a note's Markdown; its page is the same URL without `index.html.md`. "
        text += "The whole commons, with links, backlinks and history, is in [commons.json](\(SitePath.url(of: "commons.json", baseURL: settings.baseURL))).\n"
        let sections = Dictionary(grouping: notes) { note in
            note.note.id.folder.split(separator: "/").first.map(String.init) ?? ""
        }
        for name in sections.keys.sorted(by: { $0.isEmpty != $1.isEmpty ? $0.isEmpty : $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            text += "\n## \(name.isEmpty ? "Notes" : oneLine(name))\n\n"
            for note in sections[name]! {
                let link = SitePath.url(of: markdownPath(of: note.pagePath), baseURL: settings.baseURL)
                text += "- [\(linkText(note.title))](\(link))" + (note.description.map { ": " + oneLine($0) } ?? "") + "\n"
            }
        }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Brackets would end the link's text early.
    private static func linkText(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }
}

private extension String {
    /// Without the line breaks it starts and ends with: those Characters' scalars, compared one by one,
    /// since reversing Characters twice cost seconds on a big commons.
    var trimmingNewlines: String {
        let scalars = unicodeScalars
        let isNewline = { (scalar: Unicode.Scalar) in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
        guard let start = scalars.firstIndex(where: { !isNewline($0) }), let end = scalars.lastIndex(where: { !isNewline($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
