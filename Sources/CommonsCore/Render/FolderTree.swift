/// The published notes by the folders they are kept in, as the explorer, the breadcrumbs and the list
/// of all notes show them. Folders come before notes, each in a reader's order.
struct FolderTree: Sendable {
    struct Folder: Sendable {
        /// The folder's own name; "" for the top of the content folder.
        let name: String
        /// Its path below the content folder, "" at the top.
        let path: String
        /// Its id on the page of all notes, unique there.
        let anchor: String
        /// The folder of its own page (`FolderPage`), from the site's root: `all-notes/how-to/`, and
        /// `all-notes/` for the top, which is the page of all notes.
        let pagePath: String
        /// The positions in `folders` of the top folder, each folder down to this one, and this one.
        let chain: [Int]
        fileprivate(set) var subfolders: [Int] = []
        /// Positions in the notes the tree was made from.
        let notes: [Int]
        /// Notes here and in every folder below.
        fileprivate(set) var count = 0
    }

    /// Root first, then depth first in display order.
    let folders: [Folder]
    /// The folder holding each note, by the note's position.
    let folderOfNote: [Int]

    /// The folder-data file of the explorer, which loads a folder when it is opened.
    static func dataPath(of folder: Int) -> String {
        AllNotesPage.folder + dataFolder + "/\(folder).json"
    }

    private static let dataFolder = "folders"

    /// The notes of a folder the explorer lists before its link to the folder's page: a folder of
    /// thousands loaded whole was 150 KB on every page in it.
    static let notesInExplorer = 50

    /// `readerOrder` holds the notes' positions in a reader's order (`NoteOrder.readerOrdered`), which each
    /// folder's notes keep.
    init(_ notes: [RenderedNote], readerOrder: [Int]) {
        var notesIn: [String: [Int]] = [:]
        for position in readerOrder {
            notesIn[notes[position].note.id.folder, default: []].append(position)
        }
        var childrenOf: [String: Set<String>] = [:]
        for folder in notesIn.keys {
            var path = folder
            while !path.isEmpty {
                let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
                childrenOf[parent, default: []].insert(path)
                path = parent
            }
        }
        var folders: [Folder] = []
        var folderOfNote = Array(repeating: 0, count: notes.count)
        var anchors: Set<String> = []

        func name(of path: String) -> String {
            path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        }
        /// `wanted`, or the first of `wanted-2`, `wanted-3` … that `taken` lacks, which it then holds.
        func unique(_ wanted: String, in taken: inout Set<String>) -> String {
            var candidate = wanted, number = 2
            while taken.contains(candidate) {
                candidate = "\(wanted)-\(number)"
                number += 1
            }
            taken.insert(candidate)
            return candidate
        }
        func anchor(of path: String) -> String {
            unique("folder-" + (path.isEmpty ? "top" : path.split(separator: "/").map { Slug.slugify(String($0)) }.joined(separator: "-")), in: &anchors)
        }
        /// Adds the folder and everything below it; returns its position and its count of notes.
        @discardableResult
        func add(_ path: String, chain: [Int], pagePath: String) -> (Int, Int) {
            let position = folders.count
            let own = notesIn[path] ?? []
            for note in own { folderOfNote[note] = position }
            folders.append(Folder(name: name(of: path), path: path, anchor: anchor(of: path), pagePath: pagePath, chain: chain + [position], notes: own))
            var subfolders: [Int] = [], count = own.count
            let children = (childrenOf[path] ?? []).sorted { lhs, rhs in
                let order = ReaderOrder.compare(name(of: lhs), name(of: rhs))
                return order == .orderedSame ? lhs.precedesInBytes(rhs) : order == .orderedAscending
            }
            // Names a folder's page shares its folder with: the pages after its first, and at the top
            // the explorer's data.
            var takenSlugs: Set<String> = path.isEmpty ? [FolderPage.laterPages, Self.dataFolder] : [FolderPage.laterPages]
            // As notes' routes: names that share a plain slug have their symbols named.
            for (child, distinct) in zip(children, Slug.distinct(children.map { [name(of: $0)] })) {
                let slug = unique(distinct.value, in: &takenSlugs)
                let (childPosition, childCount) = add(child, chain: chain + [position], pagePath: pagePath + slug + "/")
                subfolders.append(childPosition)
                count += childCount
            }
            folders[position].subfolders = subfolders
            folders[position].count = count
            return (position, count)
        }
        add("", chain: [], pagePath: AllNotesPage.folder)
        self.folders = folders
        self.folderOfNote = folderOfNote
    }
}
