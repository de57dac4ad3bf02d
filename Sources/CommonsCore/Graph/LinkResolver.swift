/// Finds what a wikilink names, the way Obsidian does: by file name, by path when it has one (relative
/// to the linking note, then from the top), then by alias; case never matters. When several files
/// share the name, Obsidian's own order decides (observed through `getFirstLinkpathDest`): the one
/// at the top whose path the link spells, then the one beside the linking note, then the shortest path.
struct LinkResolver: Sendable {
    enum Target: Equatable {
        case note(NoteID)
        case attachment(String)
    }

    enum Resolution: Equatable {
        case found(Target)
        /// Several candidates and none at the top or beside the linking note: the first by
        /// (path length, path) is taken, and the others reported.
        case ambiguous(Target, candidates: [String])
        /// Names a note that exists but is not published; the link must not reveal it.
        case withheld
        case missing
    }

    private let notesByName: [String: [NoteID]]
    private let notesByPath: [String: NoteID]
    private let notesByAlias: [String: [NoteID]]
    private var attachmentsByName: [String: [String]] = [:]
    private var attachmentsByPath: [String: String] = [:]
    private var withheld: WithheldNames

    init(_ published: PublishedNotes) {
        var byName: [String: [NoteID]] = [:], byPath: [String: NoteID] = [:], byAlias: [String: [NoteID]] = [:]
        for note in published.notes {
            byName[note.id.baseName.lowercased(), default: []].append(note.id)
            byPath[Self.pathKey(note.id.path)] = byPath[Self.pathKey(note.id.path)] ?? note.id
            for alias in note.frontMatter.aliases {
                byAlias[alias.lowercased(), default: []].append(note.id)
            }
        }
        notesByName = byName
        notesByPath = byPath
        notesByAlias = byAlias
        withheld = published.withheld
        findAttachments(published.attachments)
    }

    /// The same notes, with the files `published` may link to (its attachments and withheld names)
    /// in place of these: the tables of the notes are kept, not made again.
    func linking(toFilesOf published: PublishedNotes) -> LinkResolver {
        var resolver = self
        resolver.withheld = published.withheld
        resolver.findAttachments(published.attachments)
        return resolver
    }

    private mutating func findAttachments(_ attachments: Set<String>) {
        attachmentsByName = [:]
        attachmentsByPath = [:]
        for path in attachments.sorted(by: Self.shortestFirst) {
            attachmentsByName[Self.nameKey(ofFile: path), default: []].append(path)
            attachmentsByPath[path.lowercased()] = attachmentsByPath[path.lowercased()] ?? path
        }
    }

    func resolve(_ target: String, from source: NoteID) -> Resolution {
        let wanted = target.hasPrefix("/") ? String(target.dropFirst()) : target
        if wanted.contains("/") {
            let relative = SitePath.resolve(wanted, inFolder: source.folder)
            for candidate in [relative, SitePath.resolve(wanted, inFolder: "")].compactMap({ $0 }) {
                if let id = notesByPath[Self.pathKey(candidate)] { return .found(.note(id)) }
                if let path = attachmentsByPath[candidate.lowercased()] { return .found(.attachment(path)) }
            }
            return withheld.contains(path: wanted) ? .withheld : .missing
        }
        let name = wanted.lowercased()
        let bareName = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if let ids = notesByName[bareName] { return pick(ids.map { .note($0) }, paths: ids.map(\.path), from: source) }
        if let paths = attachmentsByName[name] { return pick(paths.map { .attachment($0) }, paths: paths, from: source) }
        if let ids = notesByAlias[name] { return pick(ids.map { .note($0) }, paths: ids.map(\.path), from: source) }
        return withheld.contains(name: bareName) ? .withheld : .missing
    }

    private func pick(_ targets: [Target], paths: [String], from source: NoteID) -> Resolution {
        let order = zip(targets, paths).sorted { Self.shortestFirst($0.1, $1.1) }
        guard order.count > 1 else { return .found(order[0].0) }
        // Obsidian settles these two without doubt, so they are no ambiguity to report.
        let atTop = order.filter { !$0.1.contains("/") }
        if atTop.count == 1 { return .found(atTop[0].0) }
        let beside = order.filter { Self.folder(of: $0.1) == source.folder }
        if beside.count == 1 { return .found(beside[0].0) }
        return .ambiguous(order[0].0, candidates: order.map(\.1))
    }

    private static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// A file's name without its folder, in lower case, as links write it.
    static func nameKey(ofFile path: String) -> String {
        (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    }

    /// A note's path without `.md`, in lower case, as links write it.
    static func pathKey(_ path: String) -> String {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") ? String(lower.dropLast(3)) : lower
    }

    static func shortestFirst(_ lhs: String, _ rhs: String) -> Bool {
        lhs.count != rhs.count ? lhs.count < rhs.count : lhs.precedesInBytes(rhs)
    }
}

/// What links may name without being published: only asked "is this one of them?", never listed,
/// so nothing about an unpublished note can travel from here into the site.
public struct WithheldNames: Equatable, Sendable {
    private let names: Set<String>
    private let paths: Set<String>

    /// `files` are attachments under excluded paths: their names are as private as the folder's notes.
    init(_ notes: [Note], files: Set<String>) {
        var names: Set<String> = [], paths: Set<String> = []
        for note in notes {
            names.insert(note.id.baseName.lowercased())
            note.frontMatter.aliases.forEach { names.insert($0.lowercased()) }
            paths.insert(LinkResolver.pathKey(note.id.path))
        }
        for file in files {
            names.insert(LinkResolver.nameKey(ofFile: file))
            paths.insert(LinkResolver.pathKey(file))
        }
        self.names = names
        self.paths = paths
    }

    private init(names: Set<String>, paths: Set<String>) {
        self.names = names
        self.paths = paths
    }

    /// The same, with `files` withheld as well.
    func adding(files: Set<String>) -> WithheldNames {
        WithheldNames(names: names.union(files.map(LinkResolver.nameKey(ofFile:))), paths: paths.union(files.map(LinkResolver.pathKey)))
    }

    func contains(name: String) -> Bool { names.contains(name) }
    func contains(path: String) -> Bool { paths.contains(LinkResolver.pathKey(path)) }

    /// Both sets in byte order, for a digest of what a rendering depended on.
    func write(into writer: inout BinaryWriter) {
        for set in [names, paths] {
            writer.write(set.sorted { $0.precedesInBytes($1) }) { $0.write($1) }
        }
    }
}
