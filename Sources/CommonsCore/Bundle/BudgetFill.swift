/// Fills a token budget with the notes of a bundle: notes in the order of preference, each whole when
/// it fits, else its first sections when they fit, else left out, until nothing more fits. A note
/// left out takes links and backlinks out of the others, so the bundle is measured again and the
/// room that leaves is filled again. The budget is never exceeded: the measure of a note counts its
/// links to notes that may yet be left out.
struct BudgetFill {
    private let document: BundleDocument
    private let maxTokens: Int
    private let order: [Int]
    /// Each note's place in `order`, by id.
    private let rank: [String: Int]
    private let connections: [Int]
    private let encoder = BundleEncoder()
    private let ids: Set<String>
    /// The link targets each note wants, by note, as format 2 writes them with the note.
    private let unresolved: [String: [String]]

    init(_ document: BundleDocument, maxTokens: Int, preference: BundleSelection.Preference) throws {
        self.document = document
        self.maxTokens = maxTokens
        let notes = document.notes
        ids = Set(notes.map(\.id))
        unresolved = document.wantedBySource
        connections = notes.map { note in Set(note.links.map(\.target) + note.backlinks.map(\.source)).subtracting([note.id]).count }
        let first: (BundleDocument.Note) -> Bool
        switch preference {
        case .matching(let filters): first = try SelectBundle.matcher(filters)
        case .linked, .recent: first = { _ in false }
        }
        let preferred = notes.map(first)
        let connections = self.connections
        // Compared as instants: dates carry their author's offset, so their text does not sort by time.
        let updated = notes.map { note in note.updated.flatMap { Timestamp.seconds($0.date) } ?? .min }
        let order = notes.indices.sorted { lhs, rhs in
            if preferred[lhs] != preferred[rhs] { return preferred[lhs] }
            if preference == .recent, updated[lhs] != updated[rhs] { return updated[lhs] > updated[rhs] }
            if connections[lhs] != connections[rhs] { return connections[lhs] > connections[rhs] }
            return ContextBundle.byteOrder(notes[lhs].id, notes[rhs].id)
        }
        self.order = order
        rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { (notes[$1].id, $0) })
    }

    func run() throws -> (BundleDocument, trimmed: [TrimmedNote]) {
        var kept: [Int: BundleDocument.Note] = [:]
        var written = try measure(kept)
        // Each note's size whole, measured once: a note is tried again in each pass.
        let whole = try document.notes.map(tokens(of:))
        // Each pass fills the room the last measure left; a pass that adds nothing ends it.
        for _ in 0..<4 {
            var room = maxTokens - written.tokens
            var added = false
            for index in order where kept[index] == nil && room > 0 {
                let note = document.notes[index]
                // Keeping it takes its id off the list of notes left out.
                let freed = idTokens(note.id)
                if let shortened = try largestPart(of: index, whole: whole[index], within: room + freed) {
                    kept[index] = shortened.note
                    // A shortened note's id moves to the list of notes shortened.
                    room -= shortened.tokens - (shortened.isWhole ? freed : 0)
                    added = true
                }
            }
            guard added else { break }
            written = try measure(kept)
            // A note shortened or kept leaves more of the others than the estimate of each alone: never
            // over the budget, but checked, and the least preferred note given back if it were.
            while written.tokens > maxTokens, let last = order.last(where: { kept[$0] != nil }) {
                kept[last] = nil
                written = try measure(kept)
            }
        }
        guard !kept.isEmpty || document.notes.isEmpty else {
            let smallest = try document.notes.map { try tokens(of: firstPart(of: $0)) }.min() ?? 0
            throw BuildError("--max-tokens \(maxTokens) leaves room for no note: without notes the bundle takes about "
                             + "\(try measure([:]).tokens) tokens (its provenance, unresolved links and latest commits), "
                             + "and its smallest note, cut to its first section, about \(smallest) more")
        }
        let trimmed = document.notes.indices.compactMap { index -> TrimmedNote? in
            let note = document.notes[index]
            guard let shortened = kept[index] else {
                return TrimmedNote(id: note.id, tokens: whole[index], connections: connections[index], sectionsKept: nil)
            }
            guard shortened.sections.count < note.sections.count else { return nil }
            return TrimmedNote(id: note.id, tokens: whole[index], connections: connections[index], sectionsKept: shortened.sections.count)
        }
        return (written.document, trimmed.sorted { rank[$0.id]! > rank[$1.id]! })
    }

    /// The bundle of the notes kept, with the selection naming the rest, and its tokens as written.
    private func measure(_ kept: [Int: BundleDocument.Note]) throws -> (document: BundleDocument, tokens: Int) {
        let byID = Dictionary(uniqueKeysWithValues: kept.values.map { ($0.id, $0) })
        var narrowed = SelectBundle.keeping(document, ids: Set(byID.keys))
        var shortened: [String] = []
        narrowed.notes = narrowed.notes.map { note in
            guard let cut = byID[note.id], cut.sections.count < note.sections.count else { return note }
            shortened.append(note.id)
            return cut.linking(like: note)
        }
        narrowed.provenance.selection?.trimmed = document.notes.map(\.id).filter { byID[$0] == nil }.sorted { rank[$0]! > rank[$1]! }
        narrowed.provenance.selection?.shortened = shortened
        var estimate = TokenEstimate()
        try ContextBundle.write(narrowed) { estimate.add(utf8: $0) }
        return (narrowed, estimate.tokens)
    }

    /// The note at `index` whole when it fits in `room`, else its first sections, as many as fit; nil
    /// when not even its first section does. `whole` is its size whole.
    private func largestPart(of index: Int, whole: Int, within room: Int) throws
        -> (note: BundleDocument.Note, tokens: Int, isWhole: Bool)? {
        let note = document.notes[index]
        if whole <= room { return (note, whole, true) }
        let parts = note.parts
        var count = parts.count - 1
        while count >= 1 {
            let shortened = note.keepingSections(parts.prefix(count))
            let size = try tokens(of: shortened)
            if size <= room { return (shortened, size, false) }
            count -= 1
        }
        return nil
    }

    private func firstPart(of note: BundleDocument.Note) -> BundleDocument.Note {
        note.keepingSections(note.parts.prefix(1))
    }

    /// A note's tokens as a line of the bundle, with the separator before it.
    private func tokens(of note: BundleDocument.Note) throws -> Int {
        let line = BundleFile.Note(note, commitPrefix: document.provenance.commitPrefix, keeping: ids, unresolved: unresolved[note.id] ?? [])
        return TokenEstimate.of(",\n" + String(decoding: try encoder.encode(line), as: UTF8.self))
    }

    /// An id's tokens in the provenance's list of notes left out, quoted and comma-separated.
    private func idTokens(_ id: String) -> Int {
        TokenEstimate.of("\"\(id)\",")
    }
}

extension BundleDocument.Note {
    /// The note cut to `parts`, its first sections: its Markdown, sections, text and headings end where
    /// the first part left out begins. Its links and backlinks stay: they are facts about the note. The
    /// places of its links and sections move with the parts they are in.
    func keepingSections(_ parts: ArraySlice<MarkdownSections.Part>) -> BundleDocument.Note {
        let anchors = Set(parts.compactMap(\.anchor))
        let keptSections = sections.filter { $0.anchor.map(anchors.contains) ?? true }
        let firstLeftOut = sections.first { $0.anchor != nil && !anchors.contains($0.anchor!) }?.anchor
        let keptHeadings = firstLeftOut.flatMap { anchor in headings.firstIndex { $0.anchor == anchor } }.map { Array(headings[..<$0]) } ?? headings
        let separator = "\n\n"
        var spans: [BundleFile.SectionSpan] = []
        var kept: [BundleFile.PlacedLink] = []
        var start = 0
        for part in parts {
            let shift = start - part.range.lowerBound
            spans.append(BundleFile.SectionSpan(start: start, end: part.range.upperBound + shift, anchor: part.anchor))
            kept += placedLinks.filter { part.range.contains($0.offset) }.map { BundleFile.PlacedLink(offset: $0.offset + shift, target: $0.target) }
            start = part.range.upperBound + shift + separator.unicodeScalars.count
        }
        return BundleDocument.Note(
            id: id, path: path, url: url, title: title, aliases: aliases, tags: tags, frontMatter: frontMatter, created: created,
            updated: updated, authors: authors, revisions: revisions, historyTruncated: historyTruncated,
            markdown: parts.map(\.markdown).joined(separator: separator), text: ContextBundle.plainText(of: keptSections),
            headings: keptHeadings, sections: keptSections, links: links, backlinks: backlinks, history: history,
            placedLinks: kept, sectionSpans: spans)
    }

    /// This shortened note with the links and backlinks `narrowed`, the same note in a narrowed bundle, has.
    func linking(like narrowed: BundleDocument.Note) -> BundleDocument.Note {
        var note = self
        note.links = narrowed.links
        note.backlinks = narrowed.backlinks
        return note
    }
}
