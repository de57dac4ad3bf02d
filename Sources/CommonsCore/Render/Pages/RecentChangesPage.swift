/// The latest commits that changed published notes, with links to those notes.
struct RecentChangesPage: SingleSitePage {
    static let template = "recent-changes"
    static let name = "recent-changes"
    static let inSitemap = true

    func layout(in site: SitePages) -> PageLayout {
        PageLayout(title: "Recent changes")
    }

    func values(in site: SitePages) -> PageValues {
        let changes = site.recent.map { change in
            var entry = PageValues([
                "short": .text(change.commit.short),
                "date": .text(DateText.day(change.author)),
                "author": .text(change.author.name),
                "subject": .text(change.subject),
                "notes": .list(change.notes.map { id in
                    PageValues([
                        "title": .text(site.publishedNote(id)?.title ?? id.baseName),
                        "url": .text(site.routes.href(to: id, fromPage: Self.folder) ?? ""),
                    ])
                }),
            ])
            entry["commitURL"] = .text(ifAny: site.site.settings.commitURL(change.commit.hex))
            return entry
        }
        var values = PageValues(["changes": .list(changes)])
        // Here only: every page that holds the commit changes with every commit (see `PageDigest`).
        if let commit = site.site.commit {
            var siteValues = site.siteValues
            siteValues["commit"] = .text(commit)
            values["site"] = .values(siteValues)
        }
        return values
    }
}
