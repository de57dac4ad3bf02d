/// The published notes in a reader's order, and by the folders they are kept in: made from their titles
/// and paths alone, so that `serve` keeps it while an edit changes neither.
struct NoteOrder: Sendable {
    /// The notes' positions in a reader's order, for the generated home page, the folders and tags.
    let listed: [Int]
    /// Each note's place in that order, by its position.
    let rank: [Int]
    let tree: FolderTree

    /// What the order is made from: each note's title and id, in path order.
    struct Inputs: Equatable {
        let titles: [String]
        let ids: [NoteID]

        init(_ notes: [RenderedNote]) {
            titles = notes.map(\.title)
            ids = notes.map(\.note.id)
        }
    }

    init(_ notes: [RenderedNote]) {
        listed = Self.readerOrdered(notes)
        var rank = Array(repeating: 0, count: notes.count)
        for (place, position) in listed.enumerated() { rank[position] = place }
        self.rank = rank
        tree = FolderTree(notes, readerOrder: listed)
    }

    /// The notes' positions with their titles in a reader's order, ties broken by path so the order
    /// never varies. Positions are sorted, with the titles and ids taken out first: sorting the notes
    /// themselves moved and copied large values, a tenth of a `serve` rebuild.
    static func readerOrdered(_ notes: [RenderedNote]) -> [Int] {
        let titles = notes.map(\.title)
        let ids = notes.map(\.note.id)
        return notes.indices.sorted { lhs, rhs in
            switch ReaderOrder.compare(titles[lhs], titles[rhs]) {
            case .orderedSame: ids[lhs] < ids[rhs]
            case let order: order == .orderedAscending
            }
        }
    }
}
