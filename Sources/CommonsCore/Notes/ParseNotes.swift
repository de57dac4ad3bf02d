import CommonsGit
import CommonsMarkdown
import Foundation
import Yams

/// Stage 2: decodes each Markdown file and splits off its front matter.
enum ParseNotes {
    /// Larger notes are skipped: no one writes a note this long, and a generated file this size would
    /// make every page that embeds or previews it unusable.
    static let maximumNoteBytes = 8 * 1024 * 1024

    /// `cache` holds what an earlier build made of each file; a file with the same bytes is not parsed again.
    static func run(_ snapshot: Snapshot, cache: ParseCache? = nil) -> (notes: [Note], diagnostics: [Diagnostic]) {
        let files = snapshot.markdownFiles
        let paths = files.map { snapshot.repositoryPath($0.id.path) }
        var results = files.indices.map { cache?.parsed(files[$0].id, at: paths[$0], bytes: files[$0].bytes) }
        // Each file is parsed on its own: YAML front matter, most of the stage, ran on one core.
        let missing = results.indices.filter { results[$0] == nil }
        let digesting = cache != nil
        let parsed = Lanes.map(missing, lane: {}) { _, index in parse(files[index], sourcePath: paths[index], digesting: digesting) }
        for (index, result) in zip(missing, parsed) {
            results[index] = result
            cache?.keep(result, for: files[index].id)
        }
        var notes: [Note] = []
        var diagnostics: [Diagnostic] = []
        for result in results {
            diagnostics += result!.diagnostics
            if let note = result!.note { notes.append(note) }
        }
        cache?.forgetAllBut(files.map(\.id))
        // The files come in path order mostly; sorting what is sorted compared every pair of paths again.
        return (notes.isSorted { $0.id < $1.id } ? notes : notes.sorted { $0.id < $1.id }, diagnostics)
    }

    /// `digesting`: whether the note's digest is made too, for a cache.
    private static func parse(_ file: Snapshot.MarkdownFile, sourcePath path: String, digesting: Bool) -> ParseCache.Parsed {
        switch decode(file.bytes) {
        case .failure(let problem):
            let diagnostic = Diagnostic(path: path, message: "\(problem.message): the note is skipped", rule: problem.rule)
            return .init(sourcePath: path, bytes: file.bytes, note: nil, diagnostics: [diagnostic], digest: nil)
        case .success(let text):
            let (note, problems) = parse(text, id: file.id, sourcePath: path)
            return .init(sourcePath: path, bytes: file.bytes, note: note, diagnostics: problems, digest: digesting ? NoteDigest(note) : nil)
        }
    }

    struct UnreadableFile: Error {
        let message: String
        let rule: Rule
    }

    /// The note's text, or why it is not a note one can read.
    static func decode(_ bytes: [UInt8]) -> Result<String, UnreadableFile> {
        if bytes.count > maximumNoteBytes {
            return .failure(.init(message: "the file is \(bytes.count / (1024 * 1024)) MB, over the \(maximumNoteBytes / (1024 * 1024)) MB a note may have", rule: .oversizedFile))
        }
        if bytes.starts(with: Array("version https://git-lfs.github.com/spec/".utf8)) {
            return .failure(.init(message: "the file is a Git LFS pointer, not the note (run `git lfs pull` before building)", rule: .lfsPointer))
        }
        if bytes.contains(0) {
            return .failure(.init(message: "the file is binary, not Markdown text", rule: .encoding))
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.init(message: "the file is not valid UTF-8", rule: .encoding))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(withoutComments(text))
    }

    /// The note with Obsidian's `%%comments%%` removed from its body, before anything else reads it:
    /// every stage, every channel and every past version sees the note without them. The front
    /// matter is YAML, where `%%` is text.
    static func withoutComments(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let isDelimiter = { (line: Substring.UTF8View.SubSequence) in line.elementsEqual("---".utf8) || line.elementsEqual("---\r".utf8) }
        guard let first = lines.first, isDelimiter(first), let close = lines.dropFirst().firstIndex(where: isDelimiter) else {
            return Comments.removed(from: text)
        }
        let bodyStart = lines[close].endIndex
        guard bodyStart < text.utf8.endIndex else { return text }
        return String(text[..<bodyStart]) + Comments.removed(from: String(text[bodyStart...]))
    }

    /// Splits `text` into front matter and body. Front matter that cannot be read is reported and the
    /// note withheld; a wrongly typed key is reported and read as the privacy keys' rules say.
    static func parse(_ text: String, id: NoteID, sourcePath: String) -> (Note, [Diagnostic]) {
        let note = { (frontMatter: FrontMatter, readable: Bool, body: String, offset: Int) in
            Note(id: id, sourcePath: sourcePath, frontMatter: frontMatter, frontMatterIsReadable: readable, body: body, bodyLineOffset: offset)
        }
        let block: FrontMatterBlock
        switch FrontMatterBlock.find(in: text) {
        case .none:
            return (note(.empty, true, text, 0), [])
        case .unclosed(let firstLines):
            // Read as Markdown, as Obsidian does, unless it looks like it meant to say who may see it.
            let mentionsPrivacy = firstLines.contains { line in
                ["publish", "private", "draft"].contains { line.hasPrefix($0 + ":") }
            }
            let consequence = mentionsPrivacy ? "the note is not published until it is closed" : "the text is read as Markdown"
            return (
                note(.empty, !mentionsPrivacy, text, 0),
                [Diagnostic(path: sourcePath, line: 1, column: 1, message: "front matter has no closing '---' line: \(consequence)", rule: .frontMatter)]
            )
        case .closed(let found):
            block = found
        }
        do {
            let frontMatter = try FrontMatter.parse(block.yaml)
            let problems = frontMatter.typeProblems.map { problem in
                Diagnostic(path: sourcePath, line: frontMatter.keyLines[problem.key].map { $0 + 1 }, column: 1,
                           message: "front matter '\(problem.key)' should be \(problem.expected)", rule: .frontMatterType)
            }
            return (note(frontMatter, true, block.body, block.bodyLineOffset), problems)
        } catch {
            let withheld = "the note is not published until its front matter is fixed"
            let diagnostic: Diagnostic
            if let error = error as? YamlError {
                let position = YAMLErrorText.position(of: error, in: block.yaml)
                diagnostic = Diagnostic(path: sourcePath, line: position.map { $0.line + 1 }, column: position?.column,
                                        message: "\(YAMLErrorText.message(of: error)); \(withheld)", rule: .frontMatter)
            } else {
                diagnostic = Diagnostic(path: sourcePath, line: 1, column: 1, message: "\(error); \(withheld)", rule: .frontMatter)
            }
            return (note(.empty, false, block.body, block.bodyLineOffset), [diagnostic])
        }
    }
}

/// The `---` delimited YAML block at the very start of a note, as Obsidian and Jekyll read it.
struct FrontMatterBlock {
    let yaml: String
    let body: String
    let bodyLineOffset: Int

    enum Search {
        case none
        /// An opening line but no closing one; the lines after the opening one.
        case unclosed([Substring])
        case closed(FrontMatterBlock)
    }

    /// Lines end at "\n" or "\r\n", as `Character`s split them; the YAML and the body are joined
    /// again with "\n". Read by byte: a Swift `Character` split of every past version of every note
    /// was a tenth of a big history's build, and "\n" is never part of a larger `Character`.
    static func find(in text: String) -> Search {
        let bytes = Array(text.utf8)
        guard let opening = line(in: bytes, from: 0), bytes[opening.content].elementsEqual("---".utf8) else { return .none }
        var yamlLines: [Range<Int>] = []
        var next = opening.next
        while let start = next, let current = line(in: bytes, from: start) {
            if bytes[current.content].elementsEqual("---".utf8) {
                return .closed(FrontMatterBlock(
                    yaml: joined(yamlLines, of: bytes),
                    body: joined(lines(in: bytes, from: current.next), of: bytes),
                    bodyLineOffset: yamlLines.count + 2
                ))
            }
            yamlLines.append(current.content)
            next = current.next
        }
        // No closing line: rare, and reported with the lines as they were written.
        return .unclosed(text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.dropFirst().map { $0 })
    }

    /// The line starting at `start`, without its ending, and where the next one starts (nil after the last).
    private static func line(in bytes: [UInt8], from start: Int) -> (content: Range<Int>, next: Int?)? {
        guard start <= bytes.count else { return nil }
        guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return (start..<bytes.count, nil) }
        let end = newline > start && bytes[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
        return (start..<end, newline + 1)
    }

    private static func lines(in bytes: [UInt8], from start: Int?) -> [Range<Int>] {
        var lines: [Range<Int>] = [], next = start
        while let start = next, let current = line(in: bytes, from: start) {
            lines.append(current.content)
            next = current.next
        }
        return lines
    }

    private static func joined(_ lines: [Range<Int>], of bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "\n")) }
            result += bytes[line]
        }
        return String(decoding: result, as: UTF8.self)
    }
}
