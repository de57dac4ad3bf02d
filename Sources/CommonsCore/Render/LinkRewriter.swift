import CommonsMarkdown
import Foundation

/// Turns links between files of the repository into links between pages of the site.
///
/// A relative link to a published note goes to its page; to a file a published note may use, to its copy.
/// A link to any other `.md` path, or to a file under an excluded path, loses its href, because the
/// target is private or missing and the site must not point at either. Everything else (absolute URLs,
/// fragments, unknown paths) is kept.
struct LinkRewriter: Sendable {
    let routes: Routes
    let notesByPath: [String: NoteID]
    var attachments: Set<String>
    var withheld: WithheldNames

    struct Outcome {
        var action: MarkdownRenderer.LinkAction
        var attachment: String?
        /// The published note the link goes to, for the link graph.
        var note: NoteID?
        var problem: String?
        /// The link names a note or file that exists but is not published.
        var namesWithheld = false
        /// What `problem` breaks.
        var rule = Rule.brokenLink
    }

    /// What to do with a link written in the note with `id`, whose page lives at `pagePath`.
    func rewrite(_ destination: String, from id: NoteID, pagePath: String) -> Outcome {
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"), !Self.hasScheme(destination) else {
            return Outcome(action: .keep)
        }
        var pathPart = Substring(destination)
        var suffix = ""
        if let mark = pathPart.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(pathPart[mark...])
            pathPart = pathPart[..<mark]
        }
        let decoded = String(pathPart).removingPercentEncoding ?? String(pathPart)
        guard let target = SitePath.resolve(decoded, inFolder: id.folder) else {
            return Outcome(action: .unlink, problem: "link '\(destination)' leads outside the commons")
        }
        if let note = notesByPath[target], let href = routes.href(to: note, fromPage: pagePath) {
            return Outcome(action: .replace(destination: href + suffix), note: note)
        }
        if attachments.contains(target) {
            return Outcome(action: .replace(destination: SitePath.root(fromPage: pagePath) + SitePath.encode(target) + suffix), attachment: target)
        }
        if target.lowercased().hasSuffix(".md") {
            // As a wikilink to a note that is missing, or not published: shown alike, as Obsidian shows
            // both kinds of link to a missing note, and reported as the wikilink would be.
            let isWithheld = withheld.contains(path: target)
            return Outcome(action: .unresolved,
                           problem: isWithheld ? "link '\(destination)' names a note that is not published; it is shown as an unresolved link"
                               : "link '\(destination)' goes to a note that does not exist; it is shown as an unresolved link",
                           namesWithheld: isWithheld, rule: isWithheld ? .privateLink : .unresolvedLink)
        }
        if withheld.contains(path: target) {
            return Outcome(action: .unlink, problem: "link '\(destination)' goes to a file that is not published", namesWithheld: true)
        }
        return Outcome(action: .keep)
    }

    private static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }
}

extension LinkRewriter {
    init(_ published: PublishedNotes, routes: Routes) {
        self.init(
            routes: routes,
            // Paths that differ only in Unicode normalisation are one key to Swift; the first note wins
            // (the routes stage has already reported the clash of their URLs).
            notesByPath: Dictionary(published.notes.map { ($0.id.path, $0.id) }) { first, _ in first },
            attachments: published.attachments,
            withheld: published.withheld
        )
    }
}
