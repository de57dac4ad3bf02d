import CommonsMarkdown
import Foundation

/// A file of what one build leaves for the next, in a `CacheStore`. It is a header line, which names
/// the format and what the records are valid for, then one record a line, its fields separated by tabs.
///
/// A file with another header (another version's, a future one's, a damaged one) is ignored, and a
/// file is always replaced whole, so that a reader never sees half of one; a cache that cannot be
/// written costs only speed on the next build, and its store reports it.
struct CacheFile {
    let url: URL
    private let header: String
    private let store: CacheStore

    /// `header` names the format and what the records depend on; a file made under another header is ignored.
    init(url: URL, header: [String], store: CacheStore) {
        self.url = url
        self.header = header.map(Self.escape).joined(separator: "\t")
        self.store = store
    }

    /// The records; nil when there is no file, or one that was written under another header. A record
    /// that does not read is the reader's to refuse: then it ignores the whole file.
    func records() -> [Substring]? {
        guard let bytes = try? LocalFile.bytes(atPath: url.path), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = Self.lines(of: text)
        guard lines.first.map(String.init) == header else { return nil }
        lines.removeFirst()
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The text's lines, split at each line feed by byte: a cache of 60,000 records split by
    /// `Character` took a tenth of a second, and by the generic `split` of its UTF-8 a twentieth.
    static func lines(of text: String) -> [Substring] {
        split(text, at: UInt8(ascii: "\n"))
    }

    /// The parts of `text` between each `separator`, an ASCII byte, which no scalar of UTF-8 holds
    /// but itself: each part is a whole run of scalars.
    private static func split(_ text: some StringProtocol, at separator: UInt8) -> [Substring] {
        let text = Substring(text)
        let utf8 = text.utf8
        let ends: [Int]? = utf8.withContiguousStorageIfAvailable { bytes in
            var ends: [Int] = []
            for offset in bytes.indices where bytes[offset] == separator { ends.append(offset) }
            return ends
        }
        guard let ends else {
            return utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
        }
        var parts: [Substring] = []
        parts.reserveCapacity(ends.count + 1)
        var start = utf8.startIndex, offset = 0
        for end in ends + [utf8.count] {
            let stop = utf8.index(start, offsetBy: end - offset)
            parts.append(Substring(utf8[start..<stop]))
            if stop < utf8.endIndex { start = utf8.index(after: stop) }
            offset = end + 1
        }
        return parts
    }

    /// What follows the header line, for a file of binary records (see `BinaryWriter`); nil as for `records()`.
    func body() -> [UInt8]? {
        guard let bytes = try? LocalFile.bytes(atPath: url.path), let end = bytes.firstIndex(of: UInt8(ascii: "\n")),
              bytes[..<end].elementsEqual(header.utf8) else { return nil }
        return Array(bytes[(end + 1)...])
    }

    /// A record's fields, split at each tab by byte, as its lines are.
    static func fields(of record: Substring) -> [Substring] {
        split(record, at: UInt8(ascii: "\t"))
    }

    /// Replaces the file with these records, each ending in a line break.
    func write(_ records: String) {
        write(body: Array(records.utf8))
    }

    /// Replaces the file with the header and `body`.
    func write(body: [UInt8]) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appending(path: url.lastPathComponent + ".\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var data = Data((header + "\n").utf8)
            data.append(contentsOf: body)
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return store.noteFailure(FileErrorText.reason(error))
        }
        if rename(temporary.path, url.path) != 0 {
            store.noteFailure(String(cString: strerror(errno)))
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Paths may hold tabs and line breaks, which separate the fields and records.
    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return field
        }
        return field.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ field: Substring) -> String {
        guard field.holdsBytes("%") else { return String(field) }
        return field.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
