/// What an earlier build made of each Markdown file, for `serve` to parse only the files an edit changed.
///
/// Changed in place, file by file: a rebuild after an edit of one note keeps the other entries as
/// they are, where making both maps afresh was a twentieth of the rebuild.
final class ParseCache {
    struct Parsed: Sendable {
        let sourcePath: String
        let bytes: [UInt8]
        /// Nil when the file cannot be read as a note.
        let note: Note?
        let diagnostics: [Diagnostic]
        /// The note's digest (see `NoteDigest`), made once when it was parsed, for the render cache.
        let digest: NoteDigest?
    }

    private(set) var files: [NoteID: Parsed] = [:]
    /// The digest of every note of the last build, by its id.
    private(set) var digests: [NoteID: NoteDigest] = [:]

    /// What the last build made of the file `id` at `sourcePath`, if its bytes are still `bytes`.
    func parsed(_ id: NoteID, at sourcePath: String, bytes: [UInt8]) -> Parsed? {
        guard let kept = files[id], kept.sourcePath.hasSameBytes(as: sourcePath), kept.bytes == bytes else { return nil }
        return kept
    }

    func keep(_ parsed: Parsed, for id: NoteID) {
        files[id] = parsed
        digests[id] = parsed.digest
    }

    /// Forgets the files other than `ids`, every file of the build, each of which it holds.
    func forgetAllBut(_ ids: [NoteID]) {
        // Most builds remove no file, and then nothing is left to forget.
        guard files.count != ids.count else { return }
        let kept = Set(ids)
        files = files.filter { kept.contains($0.key) }
        digests = digests.filter { kept.contains($0.key) }
    }
}
