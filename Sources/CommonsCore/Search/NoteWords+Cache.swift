/// A note's search words, kept by a digest of what they are found in: its title, aliases, tags and
/// sections. Stemming every note's text again was a fifteenth of the build of a commit that changed
/// one note, at 10,000 notes.
extension NoteSearch.NoteWords: DigestCacheable {
    static func cache() -> DigestCache<NoteSearch.NoteWords> {
        DigestCache(fileName: "words.cache", format: "commons words 1")
    }

    static func key(of note: BundleDocument.Note) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(note.title)
        writer.write(note.aliases) { $0.write($1) }
        writer.write(note.tags) { $0.write($1) }
        writer.write(note.sections) { writer, section in
            writer.write(section.heading)
            writer.write(section.text)
        }
        return DigestCache<Self>.key(writer.bytes)
    }

    init(reading reader: inout BinaryReader, for _: Void) throws {
        let titleWords = Set(try reader.array { try $0.string() })
        let titleLength = try reader.int()
        let tagWords = Set(try reader.array { try $0.string() })
        let sections = try reader.array { reader in
            Counts(counts: Dictionary(try reader.array { reader in (try reader.string(), try reader.int()) }, uniquingKeysWith: { first, _ in first }),
                   length: try reader.int())
        }
        self.init(titleWords: titleWords, titleLength: titleLength, tagWords: tagWords, sections: sections)
    }

    /// Sets and counts in byte order, so that the same words give the same file.
    func write(into writer: inout BinaryWriter) {
        func sorted(_ words: Set<String>) -> [String] { words.sorted { $0.precedesInBytes($1) } }
        writer.write(sorted(titleWords)) { $0.write($1) }
        writer.write(titleLength)
        writer.write(sorted(tagWords)) { $0.write($1) }
        writer.write(sections) { writer, section in
            writer.write(section.counts.sorted { $0.key.precedesInBytes($1.key) }) { writer, entry in
                writer.write(entry.key)
                writer.write(entry.value)
            }
            writer.write(section.length)
        }
    }
}
