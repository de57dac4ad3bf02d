import Foundation

/// The commons as the llms.txt convention (llmstxt.org) lays it out for language models: each note's
/// Markdown beside its page (`index.html.md`), an index of them in `llms.txt`, and all of them in one
/// `llms-full.txt`. The Markdown is the note's published Markdown, as in the bundle, with its
/// wikilinks made Markdown links to their pages, since readers of these files do not know wikilinks.
///
/// `llms.txt` is an index a model reads first, so it stays under `indexBudget` bytes at any size:
/// when the whole list would not fit, each folder that does not fit gets a `llms.txt` of its own beside
/// its folder page, and its parent links to it.
enum LLMsText {
    static let indexBudget = 100_000
    /// Top-level notes the root index lists before linking to the list of them all.
    static let topNotesListed = 200

    struct Input: Sendable {
        let notes: [RenderedNote]
        let bodies: [NoteID: String]
        let settings: Settings
        let home: NoteID?
        let tree: FolderTree
        let publicMarkdown: PublicMarkdown
    }

    static func files(_ input: Input) -> [OutputFile] {
        let notes = input.notes
        let settings = input.settings
        let markdown = notes.map { note in
            let body = input.publicMarkdown.withMarkdownLinks(input.bodies[note.note.id]!, writtenAt: note.note.id, baseURL: settings.baseURL)
            return Body(note: note, markdown: body)
        }
        var files = markdown.map { body in OutputFile(path: markdownPath(of: body.note.pagePath), text: body.withTitle + "\n") }
        files += Index(input).files
        let ordered = markdown.sorted { $0.note.pagePath.precedesInBytes($1.note.pagePath) }
        files.append(OutputFile(path: "llms-full.txt", text: ordered.map { body in
            "\(body.title)\n\nURL: \(SitePath.url(of: body.note.pagePath, baseURL: settings.baseURL))\nSource: \(body.note.note.sourcePath)"
                + (body.rest.isEmpty ? "" : "\n\n" + body.rest) + "\n"
        }.joined(separator: "\n---\n\n")))
        return files
    }

    /// Where the llms.txt convention puts a page's Markdown: its URL with `index.html.md` for a folder URL.
    static func markdownPath(of pagePath: String) -> String {
        pagePath + "index.html.md"
    }

    /// A note's Markdown with one H1, its title: its own opening heading, or one made of its title.
    private struct Body {
        let note: RenderedNote
        /// The title as an ATX H1, however the note's own was written.
        let title: String
        /// The rest of the Markdown, without the note's own title heading (ATX or setext).
        let rest: String

        /// `markdown` is as published, with the lines its headings were found at.
        init(note: RenderedNote, markdown: String) {
            self.note = note
            title = "# \(oneLine(note.title))"
            rest = Self.withoutTitle(markdown, titleLine: note.bodyHasTitle ? note.headings.first?.line : nil)
        }

        /// `markdown` without the lines up to its title heading at `titleLine` (and a setext underline).
        private static func withoutTitle(_ markdown: String, titleLine: Int?) -> String {
            guard let titleLine else { return markdown.trimmingNewlines }
            // Split by bytes: a `\r\n` is one Character, which splitting at "\n" would not see.
            var lines = markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard titleLine >= 1, titleLine <= lines.count else { return markdown.trimmingNewlines }
            lines.removeFirst(titleLine)
            if let underline = lines.first?.trimmingCharacters(in: .whitespacesAndNewlines), !underline.isEmpty, underline.allSatisfy({ $0 == "=" }) {
                lines.removeFirst()
            }
            return lines.joined(separator: "\n").trimmingNewlines
        }

        var withTitle: String {
            rest.isEmpty ? title : title + "\n\n" + rest
        }
    }

    /// The index files: the root `llms.txt`, and one for each folder whose list did not fit its parent's.
    private struct Index {
        let input: Input
        var files: [OutputFile] = []

        init(_ input: Input) {
            self.input = input
            let settings = input.settings
            let summary = input.notes.first { $0.note.id == input.home }?.description ?? "A knowledge commons of \(input.notes.count) notes."
            var text = "# \(oneLine(settings.title))\n\n> \(oneLine(summary))\n\n"
            text += Self.howToRead + " "
            text += "The whole commons, with links, backlinks and history, is in [commons.json](\(SitePath.url(of: "commons.json", baseURL: settings.baseURL))).\n"
            let whole = text + Self.sections(below: 0, in: input)
            if whole.utf8.count <= indexBudget {
                files.append(OutputFile(path: "llms.txt", text: whole))
                return
            }
            text += "Folders too large to list here have an index of their own, linked below.\n"
            let top = input.tree.folders[0]
            if !top.notes.isEmpty {
                text += "\n## Notes\n\n" + top.notes.prefix(topNotesListed).map { line(for: $0) }.joined()
                if top.notes.count > topNotesListed {
                    text += "- [All \(top.notes.count) notes at the top](\(url(ofIndexOf: 0))): the rest of them\n"
                    files.append(OutputFile(path: indexPath(of: 0), text: heading(of: 0) + "\n## Notes\n\n" + top.notes.map { line(for: $0) }.joined()))
                }
            }
            text += folderLinks(of: 0)
            files.append(OutputFile(path: "llms.txt", text: text))
        }

        /// The links from a folder's index to the indexes of its subfolders, which are written.
        private mutating func folderLinks(of folder: Int) -> String {
            let subfolders = input.tree.folders[folder].subfolders
            guard !subfolders.isEmpty else { return "" }
            var text = "\n## Folders\n\n"
            for subfolder in subfolders {
                let entry = input.tree.folders[subfolder]
                text += "- [\(linkText(entry.path))](\(url(ofIndexOf: subfolder))): \(entry.count) note\(entry.count == 1 ? "" : "s")\n"
                writeIndex(of: subfolder)
            }
            return text
        }

        /// A folder's own index: all it holds when that fits, else its notes and links to its subfolders'.
        private mutating func writeIndex(of folder: Int) {
            let head = heading(of: folder)
            let whole = head + Self.sections(below: folder, in: input)
            if whole.utf8.count <= indexBudget {
                files.append(OutputFile(path: indexPath(of: folder), text: whole))
                return
            }
            let own = input.tree.folders[folder].notes
            var text = head + (own.isEmpty ? "" : "\n## Notes\n\n" + own.map { line(for: $0) }.joined())
            text += folderLinks(of: folder)
            files.append(OutputFile(path: indexPath(of: folder), text: text))
        }

        private func heading(of folder: Int) -> String {
            let entry = input.tree.folders[folder]
            let name = entry.path.isEmpty ? "the top folder" : "the folder \(entry.path) and below"
            let count = entry.path.isEmpty ? entry.notes.count : entry.count
            return "# \(oneLine(input.settings.title)): \(oneLine(entry.path.isEmpty ? "notes at the top" : entry.path))\n\n"
                + "> The \(count) note\(count == 1 ? "" : "s") of \(oneLine(name)), in [\(linkText(input.settings.title))](\(SitePath.url(of: "llms.txt", baseURL: input.settings.baseURL))).\n\n"
                + Self.howToRead + "\n"
        }

        /// What the links of an index lead to.
        static let howToRead = "Each link is a note's Markdown; its page is the same URL without `index.html.md`."

        private func indexPath(of folder: Int) -> String {
            input.tree.folders[folder].pagePath + "llms.txt"
        }

        private func url(ofIndexOf folder: Int) -> String {
            SitePath.url(of: indexPath(of: folder), baseURL: input.settings.baseURL)
        }

        private func line(for position: Int) -> String {
            Self.line(for: input.notes[position], settings: input.settings)
        }

        static func line(for note: RenderedNote, settings: Settings) -> String {
            let link = SitePath.url(of: markdownPath(of: note.pagePath), baseURL: settings.baseURL)
            return "- [\(linkText(note.title))](\(link))" + (note.description.map { ": " + oneLine($0) } ?? "") + "\n"
        }

        /// A section of links per folder below `folder`, by its first level of folders, notes at its
        /// top first, each in page order.
        static func sections(below folder: Int, in input: Input) -> String {
            let tree = input.tree
            let base = tree.folders[folder].path
            var notes: [RenderedNote] = []
            func gather(_ position: Int) {
                notes += tree.folders[position].notes.map { input.notes[$0] }
                for subfolder in tree.folders[position].subfolders { gather(subfolder) }
            }
            gather(folder)
            let sections = Dictionary(grouping: notes) { note in
                let inside = base.isEmpty ? note.note.id.folder : String(note.note.id.folder.dropFirst(min(note.note.id.folder.count, base.count + 1)))
                return inside.split(separator: "/").first.map(String.init) ?? ""
            }
            var text = ""
            for name in sections.keys.sorted(by: { $0.isEmpty != $1.isEmpty ? $0.isEmpty : $0.precedesInBytes($1) }) {
                text += "\n## \(name.isEmpty ? "Notes" : oneLine(name))\n\n"
                for note in sections[name]!.sorted(by: { $0.pagePath.precedesInBytes($1.pagePath) }) {
                    text += line(for: note, settings: input.settings)
                }
            }
            return text
        }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Brackets would end the link's text early.
    private static func linkText(_ text: String) -> String {
        PublicMarkdown.linkText(oneLine(text))
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
