import CCmarkGFM

/// How notes are rendered. The defaults are GitHub's: its extensions on, raw HTML and unsafe URLs dropped.
public struct MarkdownOptions: Hashable, Sendable {
    /// Pass raw HTML and `javascript:`-style URLs through instead of dropping them.
    public var unsafeHTML: Bool
    /// Show a single line break as a line break, as Obsidian does unless "strict line breaks" is on;
    /// CommonMark joins the lines into one.
    public var lineBreaks: Bool

    public init(unsafeHTML: Bool = false, lineBreaks: Bool = false) {
        self.unsafeHTML = unsafeHTML
        self.lineBreaks = lineBreaks
    }

    /// The GFM extensions attached to every parser, as GitHub enables them.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    var cmarkOptions: Int32 {
        var options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        if unsafeHTML { options |= CMARK_OPT_UNSAFE }
        if lineBreaks { options |= CMARK_OPT_HARDBREAKS }
        return options
    }
}
