import CommonsGit

/// The bundle in pieces, for a mirror to keep current for a few kilobytes: `bundle/index.json` names
/// the pieces by the git blob hash of their bytes, and each piece is at `bundle/objects/<hash>.json`.
/// A note's piece is its line of `commons.json`, byte for byte; the index gives, for each bucket of
/// note ids, the hash of a piece listing `[id, hash]` of each of its notes, and the commit table's
/// pieces, oldest first. An agent holding an old mirror reads the index, then only the pieces whose hash it
/// lacks: after a commit that changed one note, one bucket, that note and the last piece of the table.
/// Backlinks are derived from links, so a changed note's piece carries every change to the backlinks
/// of others. The pieces are made of the bundle's own lines, so they hold nothing it does not.
enum BundleMirror {
    static let indexPath = "bundle/index.json"
    static let objectsFolder = "bundle/objects/"
    /// Commits in a piece of the table: a new commit changes the newest piece only.
    static let commitsPerPiece = 256

    struct Index: Codable {
        let provenance: BundleDocument.Provenance
        /// The notes of the bundle.
        let notes: Int
        /// The first hex digits of the blob hash of a note's id, for each bucket of ids, and the hash
        /// of the piece that lists those ids with their notes' pieces.
        let buckets: [String: String]
        /// The pieces of the commit table, oldest first; each lists its commits newest first, so that
        /// the table is the pieces' commits from the last piece to the first.
        let commits: [String]
    }

    static func files(_ file: BundleFile) throws -> [OutputFile] {
        let encoder = BundleEncoder()
        var objects: [String: [UInt8]] = [:]
        func store(_ bytes: [UInt8]) throws -> String {
            let hash = try ObjectID.blob(hashing: bytes).hex
            objects[hash] = bytes
            return hash
        }
        // One hex digit splits a small commons in 16 buckets, two a large one in 256: a bucket stays small
        // enough that fetching it again costs little.
        let digits = file.notes.count > 2048 ? 2 : 1
        // `[id, hash]` pairs in the notes' order, not an object: ids that differ only in Unicode
        // normalisation are two notes, where a JSON reader may take them for one key.
        var buckets: [String: [[String]]] = [:]
        for note in file.notes {
            let bucket = String(try ObjectID.blob(hashing: Array(note.id.utf8)).hex.prefix(digits))
            buckets[bucket, default: []].append([note.id, try store(encoder.encode(note))])
        }
        let oldestFirst = Array(file.commits.reversed())
        let pieces = try stride(from: 0, to: oldestFirst.count, by: commitsPerPiece).map { start in
            try store(encoder.encode(Array(oldestFirst[start..<min(start + commitsPerPiece, oldestFirst.count)].reversed())))
        }
        let index = Index(provenance: file.provenance, notes: file.notes.count,
                          buckets: try buckets.mapValues { try store(encoder.encode($0)) }, commits: pieces)
        return [OutputFile(path: indexPath, bytes: try encoder.encode(index) + Array("\n".utf8))]
            + objects.keys.sorted().map { OutputFile(path: objectsFolder + $0 + ".json", bytes: objects[$0]!) }
    }
}
