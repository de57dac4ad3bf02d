/// A note's identity: its path below the content folder, e.g. `Folder/My Note.md`.
public struct NoteID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file name without its folder and without `.md`, as Obsidian shows it.
    public var baseName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The folder holding the note, "" at the top.
    public var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    public var description: String { path }

    /// Whether a file at `path` is a note: a Markdown file, whatever the case of its extension.
    static func isNote(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".md")
    }

    /// Two paths are the same note only when their bytes are: Swift's String equality would merge
    /// `café.md` written in NFC with one written in NFD, which are two files to git.
    public static func == (lhs: NoteID, rhs: NoteID) -> Bool {
        lhs.path.hasSameBytes(as: rhs.path)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combineUTF8(of: path)
    }

    /// Byte order, so that the order never depends on the machine's locale.
    public static func < (lhs: NoteID, rhs: NoteID) -> Bool {
        lhs.path.precedesInBytes(rhs.path)
    }
}
