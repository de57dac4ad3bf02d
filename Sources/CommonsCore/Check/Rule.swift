/// Every kind of problem commons reports about the content, and how serious it is. An error means
/// part of the content is not published as written (a note skipped, a link dropped, a URL changed);
/// a warning, that it is published but perhaps not as meant. Neither stops a build: `commons check`
/// is what fails on them.
public enum Rule: String, CaseIterable, Sendable, Comparable {
    case frontMatter = "front-matter"
    case frontMatterType = "front-matter-type"
    case encoding
    case lfsPointer = "lfs-pointer"
    case oversizedFile = "oversized-file"
    case symlink
    case submodule
    case pathClash = "path-clash"
    case slugCollision = "slug-collision"
    case missingTitle = "missing-title"
    case emptyNote = "empty-note"
    case orphanNote = "orphan-note"
    case unresolvedLink = "unresolved-link"
    case ambiguousLink = "ambiguous-link"
    case privateLink = "private-link"
    case missingAnchor = "missing-anchor"
    case brokenLink = "broken-link"
    case embedCycle = "embed-cycle"
    /// A page embeds more than a page may: too deep, too many, or too large.
    case embedLimit = "embed-limit"
    /// Raw HTML in a note that the sanitiser left out or changed (safe mode).
    case unsafeHTML = "unsafe-html"
    case shallowHistory = "shallow-history"
    case configKey = "config-key"
    case baseURL = "base-url"
    /// The build cache could not be written: the next build is slower, nothing else.
    case cache
    /// Notes have math, but KaTeX is not installed to typeset it.
    case mathRenderer = "math-renderer"
    /// The repository lacks a file's content, as a partial (`--filter=blob:none`) or damaged clone does.
    case missingObject = "missing-object"
    /// A note of the built commit whose content the repository lacks: it cannot be published.
    case missingNote = "missing-note"

    public var severity: Diagnostic.Severity {
        switch self {
        case .frontMatter, .encoding, .lfsPointer, .oversizedFile, .slugCollision, .brokenLink, .embedCycle, .embedLimit, .missingNote: .error
        case .missingObject, .cache, .mathRenderer: .warning
        case .frontMatterType, .symlink, .submodule, .pathClash, .missingTitle, .emptyNote, .orphanNote, .unresolvedLink,
             .ambiguousLink, .privateLink, .missingAnchor, .shallowHistory, .configKey, .baseURL, .unsafeHTML: .warning
        }
    }

    /// Off unless asked for: many commons keep notes like this on purpose.
    public var isOptIn: Bool { self == .orphanNote }

    public static func < (lhs: Rule, rhs: Rule) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
