import CommonsGit

/// A note's history: every revision, newest first, with its diff. It lives in the note's `history/`
/// folder, beside the Markdown of each past version; the home page's, in a folder of its own, since
/// the home page's folder is the site's root.
struct HistoryPage: SitePage {
    static let template = "history"
    static let reservedName: String? = "home-history"
    static let inSitemap = false

    let position: Int

    static func all(in site: SitePages) -> [HistoryPage] {
        site.notes.indices.filter { site.history.notes[site.notes[$0].note.id] != nil }.map(HistoryPage.init)
    }

    static func folder(of note: RenderedNote) -> String {
        note.pagePath.isEmpty ? reservedName! + "/" : note.pagePath + "history/"
    }

    /// Whether `path` could be a file a note's history folder holds: one of those `folder(of:)` names.
    static func isInAFolder(_ path: String) -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return false }
        let folder = path[...slash]
        return folder == reservedName! + "/" || folder.hasSuffix("/history/")
    }

    func folder(in site: SitePages) -> String {
        Self.folder(of: site.notes[position])
    }

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "History of \(site.notes[position].title)")
    }

    func values(in site: SitePages) -> PageValues {
        values(in: site, diff: RevisionDiff.values)
    }

    /// The values with each diff as the lines it is laid out from: a diff's values, a few for each
    /// line, were most of the cost of a history page kept from the previous site.
    func memoValues(in site: SitePages) -> PageValues? {
        values(in: site, diff: RevisionDiff.madeFrom)
    }

    private func values(in site: SitePages, diff diffValues: (TextDiff, Bool) -> PageValues) -> PageValues {
        let note = site.notes[position]
        let history = site.history.notes[note.note.id]!
        let pagePath = folder(in: site)
        let revisions = zip(history.revisions, site.revisionTexts[note.note.id] ?? []).enumerated().map { place, pair in
            let (revision, text) = pair
            var entry = PageValues([
                "hash": .text(revision.commit.hex),
                "short": .text(revision.commit.short),
                "date": .text(DateText.day(revision.author)),
                "author": .text(revision.author.name),
                "subject": .text(revision.subject),
                "kind": .text(revision.kind.rawValue),
            ])
            if let counts = text.lineCounts { (entry["added"], entry["removed"]) = (.number(counts.added), .number(counts.removed)) }
            entry["commitURL"] = .text(ifAny: site.site.settings.commitURL(revision.commit.hex))
            entry["renamedFrom"] = .text(ifAny: revision.shownPreviousPath)
            if text.markdown != nil {
                entry["markdownURL"] = .text(Self.pastVersionFile(revision))
                entry["pageURL"] = .text(site.versionURL(position, revision: place))
            } else {
                entry["withheld"] = .flag(true)
            }
            if let diff = text.diff, !diff.hunks.isEmpty { entry["diff"] = .values(diffValues(diff, text.previousWithheld)) }
            return entry
        }
        return PageValues([
            "note": .values(PageValues([
                "title": .text(note.title),
                "url": .text(site.routes.href(to: note.note.id, fromPage: pagePath) ?? ""),
                "path": .text(note.note.sourcePath),
            ])),
            "revisions": .list(revisions),
            "revisionCount": .text(revisions.count == 1 ? "1 revision" : "\(revisions.count) revisions"),
            "isTruncated": .flag(history.isTruncated),
        ])
    }

    /// The Markdown of the version a revision made, in the history's folder. Named by the full hash:
    /// a short one can be ambiguous in a long history.
    static func pastVersionFile(_ revision: Revision) -> String {
        revision.commit.hex + ".md"
    }
}
