import Crypto

/// A SHA-256 of everything a note is, for a cache to tell an unchanged note without keeping it: two
/// notes with one digest render alike.
struct NoteDigest: Hashable, Sendable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ note: Note) {
        var writer = BinaryWriter()
        writer.write(note.id.path)
        writer.write(note.sourcePath)
        writer.write(note.frontMatterIsReadable)
        writer.write(note.bodyLineOffset)
        // By bytes: Swift's string equality takes NFC and NFD spellings as one, cmark-gfm does not.
        writer.write(note.body)
        writer.write(note.frontMatter.entries) { $0.write(entry: $1) }
        writer.write(note.frontMatter.keyLines.sorted { $0.key.precedesInBytes($1.key) }) { writer, keyLine in
            writer.write(keyLine.key)
            writer.write(keyLine.value)
        }
        bytes = Array(SHA256.hash(data: writer.bytes))
    }
}

extension BinaryWriter {
    fileprivate mutating func write(entry: FrontMatterValue.Entry) {
        write(entry.key)
        write(value: entry.value)
    }

    fileprivate mutating func write(value: FrontMatterValue) {
        switch value {
        case .null: write(0)
        case .bool(let flag): write(1); write(flag)
        case .int(let number): write(2); write(number)
        case .double(let number): write(3); write(UInt64(number.bitPattern))
        case .string(let text): write(4); write(text)
        case .list(let items): write(5); write(items) { $0.write(value: $1) }
        case .mapping(let entries): write(6); write(entries) { $0.write(entry: $1) }
        }
    }
}
