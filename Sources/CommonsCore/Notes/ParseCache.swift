/// What an earlier build made of each Markdown file, for `serve` to parse only the files an edit changed.
final class ParseCache {
    struct Parsed {
        let sourcePath: String
        let bytes: [UInt8]
        /// Nil when the file cannot be read as a note.
        let note: Note?
        let diagnostics: [Diagnostic]
    }

    var files: [NoteID: Parsed] = [:]
}
