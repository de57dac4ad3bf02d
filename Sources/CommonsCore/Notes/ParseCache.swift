/// What an earlier build made of each Markdown file, for `serve` to parse only the files an edit changed.
final class ParseCache {
    struct Parsed {
        let sourcePath: String
        let bytes: [UInt8]
        /// Nil when the file cannot be read as a note.
        let note: Note?
        let diagnostics: [Diagnostic]
        /// The note's digest (see `NoteDigest`), made once when it was parsed, for the render cache.
        let digest: NoteDigest?
    }

    var files: [NoteID: Parsed] = [:]

    /// The digest of every note of the last build, by its id.
    var digests: [NoteID: NoteDigest] { files.compactMapValues(\.digest) }
}
