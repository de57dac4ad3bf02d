extension BundleFile {
    /// `document` as format 2 writes it: each fact once, what can be derived left out.
    init(_ document: BundleDocument) {
        let prefix = document.provenance.commitPrefix
        let ids = Set(document.notes.map(\.id))
        let unresolved = document.wantedBySource
        var commits: [String: Commit] = [:]
        for revision in document.notes.lazy.flatMap(\.history) where commits[revision.commit] == nil {
            commits[revision.commit] = Commit(hash: revision.commit, date: revision.date, author: revision.author, subject: revision.subject)
        }
        self.init(
            provenance: document.provenance,
            notes: document.notes.map { Note($0, commitPrefix: prefix, keeping: ids, unresolved: unresolved[$0.id] ?? []) },
            commits: Timestamp.newestFirst(Array(commits.values), date: \.date, hash: \.hash))
    }

    /// The digits of a hash that history rows give: 12, or as many more as tell every two commits apart.
    static func commitPrefix(_ hashes: Set<String>) -> Int {
        let sorted = hashes.sorted()
        var length = 12
        for (lhs, rhs) in zip(sorted, sorted.dropFirst()) {
            let shared = zip(lhs, rhs).prefix { $0 == $1 }.count
            length = max(length, shared + 1)
        }
        return length
    }
}

extension BundleFile.Note {
    /// `note` as format 2 writes it, with its links to the notes of `ids` and the link targets it wants.
    init(_ note: BundleDocument.Note, commitPrefix: Int, keeping ids: Set<String>, unresolved: [String]) {
        self.init(id: note.id, path: note.path, title: note.title, frontMatter: note.frontMatter,
                  markdown: note.markdown, sections: note.sectionSpans,
                  // A narrowed bundle keeps only the links to notes it holds, as its expansion's backlinks do.
                  links: note.placedLinks.filter { ids.contains($0.target) },
                  unresolved: unresolved,
                  history: note.history.map { revision in
                      BundleFile.Row(commit: String(revision.commit.prefix(commitPrefix)), kind: BundleFile.Row.letters[revision.kind] ?? revision.kind, added: revision.added,
                                     removed: revision.removed, previousPath: revision.previousPath)
                  },
                  historyTruncated: note.historyTruncated)
    }
}

extension BundleDocument {
    /// The link targets each note wants, by note: `unresolved` seen from its sources, as format 2 writes it.
    var wantedBySource: [String: [String]] {
        var wanted: [String: [String]] = [:]
        for entry in unresolved {
            for source in entry.sources { wanted[source, default: []].append(entry.target) }
        }
        return wanted
    }
}

extension BundleDocument.Note {
    /// Its Markdown cut into its sections where `sectionSpans` says, each with its heading: the cut
    /// the build made when it read the Markdown, so none is read again to cut it.
    public var parts: [MarkdownSections.Part] {
        let scalars = Array(markdown.unicodeScalars)
        let headings = Dictionary(headings.map { ($0.anchor, $0.text) }) { first, _ in first }
        return sectionSpans.map { span in
            let range = min(span.start, scalars.count)..<min(max(span.start, span.end), scalars.count)
            return MarkdownSections.Part(anchor: span.anchor, heading: span.anchor.flatMap { headings[$0] }, range: range,
                                         markdown: String(String.UnicodeScalarView(scalars[range])))
        }
    }
}
