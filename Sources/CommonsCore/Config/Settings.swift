import CommonsMarkdown

/// The settings one build runs with, after `commons.yml` and the command line are merged.
public struct Settings: Sendable, Equatable {
    public enum Visibility: String, Sendable, Codable {
        /// Every note is published unless it opts out (the default: a commons is public).
        case `public`
        /// Only notes that say `publish: true` are published.
        case `private`
    }

    /// `title:`, `--title`, or the repository's name (`SiteTitle`).
    public var title = SiteTitle.last
    /// The absolute URL the site is served from, always ending in `/`, or nil when unknown.
    public var baseURL: String?
    /// Where the repository is browsed online (a GitHub or Gitea URL); commits link to `<repoURL>/commit/<hash>`.
    public var repoURL: String?
    /// The folder of the repository that holds the notes ("" for the whole repository).
    public var contentFolder = ""
    public var output = "_site"
    /// The folder of the build cache, relative to the repository root; nil for `.git/commons/`.
    public var cacheFolder: String?
    /// Git pathspec patterns of paths (relative to the content folder) that are never published.
    public var exclude: [String] = ["private"]
    /// The folder of template overrides, relative to the repository root.
    public var templateFolder = "site-template"
    public var defaultVisibility = Visibility.public
    public var drafts = false
    public var unsafeHTML = false
    /// CommonMark's line breaks: a single line break joins two lines, as with Obsidian's "strict line
    /// breaks" on. nil until read from `commons.yml` or the vault's `.obsidian/app.json`; off, as in
    /// Obsidian, when neither says.
    public var strictLineBreaks: Bool?
    /// The note shown as the home page, by its path in the content folder; nil for the first of
    /// `index.md`, `Home.md` and `README.md`.
    public var home: String?

    public init() {}

    /// How notes' Markdown is read: the same for every note, and for every past version.
    var markdownOptions: MarkdownOptions {
        MarkdownOptions(unsafeHTML: unsafeHTML, lineBreaks: !(strictLineBreaks ?? false))
    }

    /// The commit's page in the online repository, when `repoURL` is set (GitHub and Gitea alike).
    func commitURL(_ hash: String) -> String? {
        repoURL.map { "\($0)/commit/\(hash)" }
    }
}

/// Settings given on the command line; each one set wins over `commons.yml`.
public struct SettingsOverrides: Equatable, Sendable {
    public var title: String?
    public var baseURL: String?
    public var repoURL: String?
    public var contentFolder: String?
    public var exclude: [String] = []
    public var templateFolder: String?
    public var drafts = false
    public var unsafeHTML = false

    public init() {}
}
