import CCmarkGFM

/// How notes are rendered. The defaults are GitHub's: its extensions on, raw HTML and unsafe URLs dropped.
public struct MarkdownOptions: Hashable, Sendable {
    /// Pass raw HTML and `javascript:`-style URLs through instead of dropping them.
    public var unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }

    /// The GFM extensions attached to every parser, as GitHub enables them.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    var cmarkOptions: Int32 {
        var options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        if unsafeHTML { options |= CMARK_OPT_UNSAFE }
        return options
    }
}
