// Fuzzes reading a note file: decoding its bytes, finding the `---` block, parsing its YAML and
// deciding from it whether the note is published.
//
// Invariants: parsing is deterministic; the lines diagnostics name exist in the file, and the body
// starts where its line offset says; and the privacy keys fail closed: a note is published only if
// an independent reading of the same YAML (Yams' own `load`, which resolves merge keys and reads each
// scalar by the resolver's rules) finds no `private`, `draft` or `publish` saying otherwise.
@testable import CommonsCore
import Foundation
import FuzzSupport
import Yams

let filter = try! PublishFilter(settings: Settings())

func lines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
}

func hasCollectionKey(_ node: Node) -> Bool {
    switch node {
    case .mapping(let mapping): mapping.contains { key, value in key.scalar == nil || hasCollectionKey(key) || hasCollectionKey(value) }
    case .sequence(let sequence): sequence.contains(where: hasCollectionKey)
    case .scalar, .alias: false
    }
}

/// Whether an independent reading of `yaml` keeps the note from being published, or nil when it
/// cannot read it (the note is then withheld anyway, or the reading would not be independent).
func keepsUnpublished(_ yaml: String) -> Bool? {
    // Aliases can expand exponentially, and `load` has no budget: only the parser under test reads them.
    // `load` traps on a key that is a list or a mapping (Yams 6.2, Constructor.swift:448), so those are left out too.
    // And `load` traps on a long base-60 number (`1:0:0:0:0:0:0:0:0:0:0`, Constructor.swift:703), which
    // commons reads as text: a value with a digit, a colon and a digit is left out as well.
    guard !yaml.contains("*"), !yaml.contains(/[0-9]:[0-9]/), let node = try? Yams.compose(yaml: yaml), !hasCollectionKey(node),
          let loaded = try? Yams.load(yaml: yaml) as? [AnyHashable: Any] else { return nil }
    func isExactly(_ value: Bool, _ key: String) -> Bool? {
        guard let found = loaded[AnyHashable(key)] else { return nil }
        return (found as? Bool) == value
    }
    return isExactly(false, "private") == false || isExactly(false, "draft") == false || isExactly(true, "publish") == false
}

FuzzDriver.run { bytes in
    guard case .success(let text) = ParseNotes.decode(bytes) else { return }
    let id = NoteID(path: "notes/note.md")
    let (note, diagnostics) = ParseNotes.parse(text, id: id, sourcePath: id.path)
    let (again, diagnosticsAgain) = ParseNotes.parse(text, id: id, sourcePath: id.path)
    invariant(note == again && diagnostics == diagnosticsAgain, "two parses of one note differ\nnote: \(quoted(text))\n"
        + "first: \(note.frontMatter) \(diagnostics)\nsecond: \(again.frontMatter) \(diagnosticsAgain)")

    let fileLines = lines(text).count
    for diagnostic in diagnostics {
        if let line = diagnostic.line {
            invariant((1...fileLines).contains(line), "a diagnostic names line \(line) of a \(fileLines)-line file: \(diagnostic)\nnote: \(quoted(text))")
        }
        if let column = diagnostic.column { invariant(column >= 1, "a diagnostic names column \(column): \(diagnostic)\nnote: \(quoted(text))") }
    }
    let bodyLines = lines(note.body).count
    invariant(note.bodyLineOffset == 0 ? note.body == text : max(1, fileLines - note.bodyLineOffset) == bodyLines,
              "the body (\(bodyLines) lines) does not start at line \(note.bodyLineOffset + 1) of the file (\(fileLines) lines)\nnote: \(quoted(text))")

    let entries = note.frontMatter.entries
    let privacyEntries = entries.filter { ["private", "draft", "publish"].contains($0.key) }
    if filter.publishes(note) {
        invariant(note.frontMatterIsReadable, "a note whose front matter is unreadable is published\nnote: \(quoted(text))")
        for entry in privacyEntries {
            let expected = entry.key == "publish" ? FrontMatterValue.bool(true) : .bool(false)
            invariant(entry.value == expected, "a note with '\(entry.key): \(entry.value)' is published\nnote: \(quoted(text))")
        }
        if case .closed(let block) = FrontMatterBlock.find(in: text), let unpublished = keepsUnpublished(block.yaml) {
            invariant(!unpublished, "Yams reads this front matter as keeping the note unpublished, and the note is published\n"
                + "entries: \(entries)\nnote: \(quoted(text))")
        }
    }
}
