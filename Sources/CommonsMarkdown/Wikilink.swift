/// An Obsidian-style link found in the text of a note: `[[target#fragment|display]]`, or `![[...]]`.
public struct Wikilink: Hashable, Sendable {
    /// The note or file named, as written (may be a path, may be empty for `[[#Heading]]`).
    public let target: String
    /// What follows `#`: a heading, or `^block-id`. Of a nested heading (`[[Note#Part#Detail]]`),
    /// the last one, which the link goes to.
    public let fragment: String?
    /// The headings a nested heading link names, outermost first, as the reader sees them.
    private let fragmentPath: [String]
    /// What follows `|`: the text to show, or an image width for embeds.
    public let display: String?
    public let isEmbed: Bool
    public let line: Int
    public let column: Int
    /// The text of the paragraph, list item or heading around the link, for backlinks.
    public let context: String
    /// True when the link is all its paragraph holds, so an embed can take the paragraph's place.
    public let standsAlone: Bool
    /// True when the link stands in a paragraph's own text (not in a heading, a table cell or an
    /// emphasis), so that an embed can stand between the paragraph's text before and after it.
    public let isInParagraph: Bool

    /// The text a reader sees when the link has no display text, as Obsidian shows it.
    public var defaultText: String {
        let shown = fragmentPath.joined(separator: " > ")
        switch (target.isEmpty, fragment) {
        case (true, _?): return shown
        case (false, _?): return "\(target) > \(shown)"
        case (_, nil): return target
        }
    }

    /// The text a reader sees in place of the link: its display text, or for an embed whose display
    /// text is an image size, the default text.
    public var readerText: String {
        let shown = isEmbed ? display.flatMap { ImageSize($0) == nil ? $0 : nil } : display
        return shown ?? defaultText
    }

    /// The size an embed's display text gives an image (`|300` or `|300x200`), as Obsidian reads it.
    public var imageSize: ImageSize? {
        isEmbed ? display.flatMap(ImageSize.init) : nil
    }

    /// Parses the inside of `[[...]]`; nil when it is empty.
    init?(inner: Substring, isEmbed: Bool, line: Int, column: Int, context: String, standsAlone: Bool = false, isInParagraph: Bool = false) {
        // Split by Unicode scalar, as Obsidian splits: `|` followed by a joiner is one `Character`.
        var rest = inner.unicodeScalars[...]
        var display: String?
        if let bar = rest.firstIndex(of: "|") {
            display = String(Substring(rest[rest.index(after: bar)...])).trimmingSpaces.nonEmpty
            rest = rest[..<bar]
            // In a table the bar is written `\|`, so that it does not end the cell.
            if rest.last == "\\" { rest = rest.dropLast() }
        }
        var fragmentPath: [String] = []
        if let hash = rest.firstIndex(of: "#") {
            fragmentPath = rest[rest.index(after: hash)...].split(separator: "#").compactMap { String(Substring($0)).trimmingSpaces.nonEmpty }
            rest = rest[..<hash]
        }
        let fragment = fragmentPath.last
        let target = String(Substring(rest)).trimmingSpaces
        guard !target.isEmpty || fragment != nil else { return nil }
        self.target = target
        self.fragment = fragment
        self.fragmentPath = fragmentPath
        self.display = display
        self.isEmbed = isEmbed
        self.line = line
        self.column = column
        self.context = context
        self.standsAlone = standsAlone
        self.isInParagraph = isInParagraph
    }
}

/// An image's size as Obsidian writes it after a bar: a width in pixels, or width and height.
public struct ImageSize: Hashable, Sendable {
    public let width: Int
    public let height: Int?

    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        guard let width = Int(parts[0]), width > 0 else { return nil }
        if parts.count == 2 {
            guard let height = Int(parts[1]), height > 0 else { return nil }
            self.height = height
        } else {
            self.height = nil
        }
        self.width = width
    }

    /// ` width="300" height="200"`, for an `<img>`.
    var attributes: String {
        " width=\"\(width)\"" + (height.map { " height=\"\($0)\"" } ?? "")
    }
}

/// Files that embed as players or documents rather than images.
public enum MediaKind: Sendable {
    case audio, video, pdf
}

/// How a wikilink is shown, decided by whoever knows the notes.
public enum WikilinkRendering: Sendable {
    /// A link to a page or file (`href` is used as given; `text` is escaped by the renderer).
    case link(href: String, text: String)
    /// An embedded image, at its size when the link gives one.
    case image(src: String, alt: String, size: ImageSize?)
    /// An embedded audio or video file, or a PDF, with a link to the file for readers that cannot show it.
    case media(MediaKind, src: String, title: String)
    /// A link to nothing that exists: shown, but visibly different and with no href.
    case unresolved(text: String)
    /// Only the text, as if the brackets were not there (for targets that must not be revealed).
    case text(String)
    /// HTML that stands as a block where the link is: an embedded note, in place of the paragraph the
    /// link stands alone in, or between the halves of the paragraph around it. Used only for links in
    /// a paragraph's own text (`Wikilink.isInParagraph`); the HTML must be made safe by whoever makes it.
    case block(html: String)
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view = view.dropFirst() }
        while view.last?.isWhitespace == true { view = view.dropLast() }
        return String(view)
    }

    var nonEmpty: String? { isEmpty ? nil : self }
}
