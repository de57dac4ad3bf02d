// Fuzzes `LinkRedaction`, which drops links to unpublished notes from Markdown published as text (a
// note's `.md` file, the bundle, past versions), for a note at `notes/note.md` in a commons where
// `private/zqsecret.md` is private.
//
// Invariants: kept links leave the text as it was (but for destinations the scan cannot read, which it
// drops); redaction is deterministic; and after redaction,
// nothing that cmark and commons read as a link (a wikilink, an inline or reference link or image,
// an `href` or `src` of raw HTML) still leads to the private note or file: the redaction must find
// every link the renderer finds.
import CommonsMarkdown
import Foundation
import FuzzSupport

let publishedPaths: Set<String> = ["notes/note.md", "example.md", "pic.png"]
let withheldKeys: Set<String> = ["private/zqsecret", "private/zqsecret.png"]

/// A note's path without `.md`, in lower case, as `LinkResolver.pathKey` makes it.
func pathKey(_ path: String) -> String {
    let lower = path.lowercased()
    return lower.hasSuffix(".md") ? String(lower.dropLast(3)) : lower
}

/// `relative` from `folder`, or nil when it leaves the commons, as `SitePath.resolve` does it.
func resolve(_ relative: String, inFolder folder: String) -> String? {
    var segments = relative.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
    for segment in relative.split(separator: "/") {
        switch segment {
        case ".": continue
        case "..":
            guard !segments.isEmpty else { return nil }
            segments.removeLast()
        default: segments.append(String(segment))
        }
    }
    return segments.joined(separator: "/")
}

func hasScheme(_ destination: String) -> Bool {
    guard let colon = destination.firstIndex(of: ":") else { return false }
    let scheme = destination[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
    return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
}

/// The path a link written in `notes/note.md` leads to, when it is a path of the commons; "" for one
/// that leaves it. Nil for what the rewriter keeps as written: URLs, fragments, `//host` links.
func target(of destination: String) -> String? {
    guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"), !hasScheme(destination) else { return nil }
    var path = Substring(destination)
    if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<mark] }
    return resolve(String(path).removingPercentEncoding ?? String(path), inFolder: "notes") ?? ""
}

/// Whether the page's link rewriter drops a link to `destination`, by the rules of
/// `LinkRewriter.rewrite`: a path out of the commons, to an `.md` file that is not a published note,
/// or to a withheld file.
func dropped(_ destination: String) -> Bool {
    guard let target = target(of: destination) else { return false }
    if target.isEmpty { return true }
    if publishedPaths.contains(target) { return false }
    return target.lowercased().hasSuffix(".md") || withheldKeys.contains(pathKey(target))
}

/// A destination that must not survive redaction: one that leads to the private note or file.
func leaks(_ destination: String) -> Bool {
    target(of: destination).map { withheldKeys.contains(pathKey($0)) } ?? false
}

/// Whether a wikilink's target is the private note, by its name or its path, as `LinkResolver` reads them.
func namesPrivateNote(_ target: String) -> Bool {
    let wanted = target.hasPrefix("/") ? String(target.dropFirst()) : target
    guard wanted.contains("/") else { return ["zqsecret", "zqsecret.md", "zqsecret.png"].contains(wanted.lowercased()) }
    return [resolve(wanted, inFolder: "notes"), resolve(wanted, inFolder: "")].contains { $0.map { withheldKeys.contains(pathKey($0)) } ?? false }
}

/// Kept when it names a published note or file, as `PublicMarkdown` keeps it: a link to a private
/// note and a link to a missing one are both dropped, so that the two cannot be told apart.
func keepWikilink(_ link: Wikilink) -> Bool {
    let wanted = link.target.lowercased()
    return wanted.isEmpty || ["note", "note.md", "example", "example.md", "pic.png", "notes/note", "notes/note.md"].contains(wanted)
}

let reader = MarkdownRenderer(options: MarkdownOptions(unsafeHTML: true))

/// The link targets in `text` that cmark and commons would follow to the private note.
func leakedTargets(in text: String) -> [String] {
    var found: [String] = []
    do {
        let rendered = try reader.render(text, rewrite: { link in
            if leaks(link.destination) { found.append("link to \(quoted(link.destination))") }
            return .keep
        }, wikilink: { link in
            if namesPrivateNote(link.target) { found.append("wikilink to \(quoted(link.target))") }
            return .text(link.readerText)
        })
        for tag in HTMLTag.scan(rendered.html) {
            for (name, value) in tag.attributes where (name == "href" || name == "src") && leaks(value) {
                found.append("<\(tag.name) \(name)=\(quoted(value))>")
            }
        }
    } catch {
        fatalError("invariant broken: rendering threw \(error)")
    }
    return found
}

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    // A destination the scan cannot read (what looks like a named character reference, `&name;` or
    // `&123;`, which it turns into U+FFFD) is dropped whatever the caller keeps; other text stays as it was.
    let unreadable = text.contains("\u{FFFD}") || text.contains(/&[A-Za-z0-9]+;/)
    let kept = LinkRedaction.apply(to: text, keepWikilink: { _ in true }, keepDestination: { _ in true })
    invariant(unreadable || kept == text, "keeping every link changed the text: \(quoted(text)) became \(quoted(kept))")

    let redacted = LinkRedaction.apply(to: text, keepWikilink: keepWikilink, keepDestination: { !dropped($0) })
    invariant(LinkRedaction.apply(to: text, keepWikilink: keepWikilink, keepDestination: { !dropped($0) }) == redacted,
              "two redactions of one text differ: \(quoted(text))")
    let leaked = leakedTargets(in: redacted)
    invariant(leaked.isEmpty, "a link to the private note survives redaction: \(leaked.joined(separator: ", "))\n"
        + "text: \(quoted(text))\nredacted: \(quoted(redacted))")
}
