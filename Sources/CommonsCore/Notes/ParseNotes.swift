import Foundation
import Yams

/// Stage 2: decodes each Markdown file and splits off its front matter.
enum ParseNotes {
    static func run(_ snapshot: Snapshot) -> (notes: [Note], diagnostics: [Diagnostic]) {
        var notes: [Note] = []
        var diagnostics: [Diagnostic] = []
        for file in snapshot.markdownFiles {
            let path = snapshot.repositoryPath(file.id.path)
            guard var text = String(validating: file.bytes, as: UTF8.self) else {
                diagnostics.append(Diagnostic(path: path, message: "not valid UTF-8: the note is skipped", rule: "encoding"))
                continue
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let (note, problem) = parse(text, id: file.id, sourcePath: path)
            if let problem { diagnostics.append(problem) }
            notes.append(note)
        }
        return (notes.sorted { $0.id < $1.id }, diagnostics)
    }

    /// Splits `text` into front matter and body. Bad front matter is reported and treated as absent,
    /// so the note is still published (or kept private) by the rest of what it says.
    static func parse(_ text: String, id: NoteID, sourcePath: String) -> (Note, Diagnostic?) {
        guard let block = FrontMatterBlock(text) else {
            return (Note(id: id, sourcePath: sourcePath, frontMatter: .empty, body: text, bodyLineOffset: 0), nil)
        }
        let bodyNote = { (frontMatter: FrontMatter) in
            Note(id: id, sourcePath: sourcePath, frontMatter: frontMatter, body: block.body, bodyLineOffset: block.bodyLineOffset)
        }
        do {
            return (bodyNote(try FrontMatter.parse(block.yaml)), nil)
        } catch let error as YamlError {
            let mark = YAMLErrorText.mark(of: error)
            return (
                bodyNote(.empty),
                Diagnostic(path: sourcePath, line: mark.map { $0.line + 1 }, column: mark?.column,
                           message: "front matter ignored: \(YAMLErrorText.message(of: error))", rule: "front-matter")
            )
        } catch {
            return (
                bodyNote(.empty),
                Diagnostic(path: sourcePath, line: 1, column: 1, message: "front matter ignored: \(error)", rule: "front-matter")
            )
        }
    }
}

/// The `---` delimited YAML block at the very start of a note, as Obsidian and Jekyll read it.
struct FrontMatterBlock {
    let yaml: String
    let body: String
    let bodyLineOffset: Int

    init?(_ text: String) {
        // "\r\n" is one Character in Swift, so both line endings must be named.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }[...]
        guard let first = lines.popFirst(), Self.isDelimiter(first) else { return nil }
        var yamlLines: [Substring] = []
        while let line = lines.popFirst() {
            if Self.isDelimiter(line) {
                yaml = yamlLines.joined(separator: "\n")
                body = lines.joined(separator: "\n")
                bodyLineOffset = yamlLines.count + 2
                return
            }
            yamlLines.append(line)
        }
        // No closing line: this is a thematic break followed by text, not front matter.
        return nil
    }

    private static func isDelimiter(_ line: Substring) -> Bool {
        line == "---"
    }
}
