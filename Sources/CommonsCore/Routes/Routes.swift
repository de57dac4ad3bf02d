import Foundation

/// Where every published note lives in the site.
public struct Routes: Equatable, Sendable {
    public let slugs: [NoteID: Slug]
    /// The note shown as the home page, if the commons has one.
    public let home: NoteID?

    /// The page's path from the site root, ending in `/` ("" for the home page).
    public func path(of id: NoteID) -> String? {
        guard let slug = slugs[id] else { return nil }
        return slug.value.isEmpty ? "" : slug.value + "/"
    }

    /// A relative href from the page at `pagePath` to the note's page.
    func href(to id: NoteID, fromPage pagePath: String) -> String? {
        path(of: id).map { SitePath.href(to: $0, fromPage: pagePath) }
    }
}

/// Stage 3: gives each published note a slug, deterministically, and reports clashes.
enum AssignRoutes {
    /// `home` is the note `commons.yml` names as the home page, by its path in the content folder.
    static func run(_ published: PublishedNotes, home chosen: String? = nil) -> (Routes, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let home = homeNote(published, chosen: chosen)
        var taken: [Slug: NoteID] = [:]
        var slugs: [NoteID: Slug] = [:]
        if let home {
            slugs[home] = Slug("")
            taken[Slug("")] = home
        }
        // Names that make the same plain slug, `clang` and `clang++`: the one the slug spells whole
        // keeps it, the others have their symbols named, so that no name is numbered for its symbols.
        let notes = published.notes.filter { $0.id != home }
        let distinct = Slug.distinct(notes.map { Slug.segments(ofNotePath: $0.id.path) })
        for (note, wanted) in zip(notes, distinct) {
            var slug = wanted
            var number = 2
            while taken[slug] != nil || SitePageKinds.reservedNames.contains(String(slug.topSegment)) {
                slug = wanted.numbered(number, atTop: SitePageKinds.reservedNames.contains(String(wanted.topSegment)))
                number += 1
            }
            if slug != wanted {
                let reason = taken[wanted].map { "\(published.sourcePath(of: $0)) already has the URL /\(wanted.value)/" }
                    ?? "/\(wanted.value)/ is reserved for the site's own pages"
                diagnostics.append(Diagnostic(path: note.sourcePath, message: "published at /\(slug.value)/ because \(reason)", rule: .slugCollision))
            }
            taken[slug] = note.id
            slugs[note.id] = slug
        }
        return (Routes(slugs: slugs, home: home), diagnostics)
    }

    /// The note `home:` names, else `index.md`, `Home.md` or `README.md` at the top of the content
    /// folder, the first found (any letter case), as vaults name their start page.
    private static func homeNote(_ published: PublishedNotes, chosen: String?) -> NoteID? {
        let chosen = chosen.map { $0.lowercased().hasSuffix(".md") ? $0 : $0 + ".md" }
        for name in [chosen, "index.md", "home.md", "readme.md"].compactMap({ $0?.lowercased() }) {
            if let note = published.notes.first(where: { $0.id.path.lowercased() == name }) { return note.id }
        }
        return nil
    }
}

extension PublishedNotes {
    func sourcePath(of id: NoteID) -> String {
        notes.first { $0.id == id }?.sourcePath ?? id.path
    }
}
