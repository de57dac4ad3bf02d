/// What HTML may reach a page in safe mode: for a note's raw HTML, GitHub's allowlist (the elements
/// and attributes of its html-pipeline sanitisation filter, as github.com renders Markdown today,
/// without `id`, `name` and `class`); for the markup that cmark-gfm and commons write themselves, that
/// list and the elements, attributes and classes they use. A new syntax that writes other markup adds
/// it to `OwnMarkup` here, or the sanitiser drops it from every note that also holds raw HTML.
enum HTMLAllowlist {
    /// Attribute names allowed on elements, by element; `*` for any allowed element.
    typealias Attributes = [String: Set<String>]

    /// The elements a note's raw HTML may use.
    static let elements: Set<String> = [
        "a", "abbr", "b", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
        "tt", "u", "ul", "var", "wbr",
    ]

    /// The attributes a note's raw HTML may use. Never `style` (it can cover the page or load from other
    /// hosts), never an `on…` handler; no `id` or `name`, which could clobber the ids and globals the
    /// theme's script uses, and no `class`, which would borrow the look of commons' own markup (a link
    /// shown as unresolved, a callout).
    static let attributes: Attributes = [
        "*": ["title", "lang", "dir", "aria-label", "aria-hidden"],
        "a": ["href", "hreflang"],
        "img": ["src", "alt", "width", "height", "align"],
        "source": ["srcset", "media", "type", "width", "height"],
        "blockquote": ["cite"], "q": ["cite"],
        "del": ["cite", "datetime"], "ins": ["cite", "datetime"], "time": ["datetime"],
        "details": ["open"],
        "ol": ["start", "reversed", "type"], "li": ["value"],
        "table": ["align", "width"], "caption": ["align"],
        "thead": ["align"], "tbody": ["align"], "tfoot": ["align"], "tr": ["align"],
        "td": ["align", "colspan", "rowspan", "headers", "width"], "th": ["align", "colspan", "rowspan", "headers", "scope", "abbr", "width"],
        "p": ["align"], "div": ["align"], "hr": ["align"],
        "h1": ["align"], "h2": ["align"], "h3": ["align"], "h4": ["align"], "h5": ["align"], "h6": ["align"],
    ]

    /// Attributes holding a URL (or, for `srcset`, a list of them), checked and resolved as links are.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "srcset", "data"]

    /// Elements whose content goes with them: code, styles, and text a browser never shows as text.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "title", "textarea", "xmp", "noembed", "noframes", "noscript", "plaintext",
        "iframe", "frame", "frameset", "object", "embed", "applet", "audio", "video", "head", "select",
    ]

    /// Elements whose content a parser reads to their end tag as text, or keeps apart as a template: one
    /// a note leaves open would take the rest of the page with it.
    static let swallowing: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "template",
    ]

    /// Players: an `<iframe>` runs another site's page, with its scripts and cookies, inside this one,
    /// where the theme runs no code of another host; `<video>` and `<audio>` are commons' own, for
    /// embeds of a note's files. Each becomes a link to what it would have played, named by its title.
    static let shownAsLinks: Set<String> = ["iframe", "video", "audio"]

    /// The markup cmark-gfm writes (task lists, footnotes, code with a language) and commons' own:
    /// heading and block ids, callouts, wikilinks, tags, embeds, media players, math.
    enum OwnMarkup {
        static let elements = HTMLAllowlist.elements.union(["aside", "section", "input", "audio", "video", "object"])
        static let attributes = HTMLAllowlist.attributes.merging([
            "*": ["id", "class", "data-callout", "data-footnotes", "data-footnote-ref", "data-footnote-backref",
                  "data-footnote-backref-idx"],
            "input": ["type", "checked", "disabled", "data-task"],
            "audio": ["src", "controls", "preload"],
            "video": ["src", "controls", "preload"],
            "object": ["data", "type"],
        ]) { $0.union($1) }
        static let classes: Set<String> = [
            "callout", "callout-title", "callout-title-text", "callout-body", "callout-icon", "wikilink", "unresolved", "tag",
            "embed", "embed-title", "embed-cycle", "embed-pdf", "math", "math-inline", "math-display", "footnotes",
            "footnote-ref", "footnote-backref",
        ]
        /// The inline SVG of callout icons: shapes and how they are drawn, nothing that links or scripts.
        static let svgElements: Set<String> = ["svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon"]
        static let svgAttributes: Set<String> = [
            "class", "aria-hidden", "viewbox", "width", "height", "fill", "stroke", "stroke-width", "stroke-linecap",
            "stroke-linejoin", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "points",
        ]

        /// Code blocks name their language: `language-swift`.
        static func allowsClass(_ name: String) -> Bool {
            classes.contains(name) || (name.hasPrefix("language-") && name.count > 9)
        }
    }

    /// The formatting elements a parser reopens in each later paragraph while they are left open.
    static let formatting: Set<String> = ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]

    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Attributes that change how an element looks or is addressed, not what it says: left out
    /// without a warning, since the reader still sees the text (as on GitHub), and a warning for each
    /// `<span class=…>` of a vault would bury the ones that matter.
    static func isPresentational(_ attribute: String) -> Bool {
        let name = attribute.lowercased()
        return presentational.contains(name) || name.hasPrefix("data-") || name.hasPrefix("aria-")
    }

    private static let presentational: Set<String> = [
        "class", "style", "id", "align", "valign", "width", "height", "color", "bgcolor", "face", "size", "border",
        "cellpadding", "cellspacing", "role", "tabindex", "target", "rel", "name", "draggable", "spellcheck", "translate",
    ]

    static func allows(_ attribute: String, on element: String, in list: Attributes) -> Bool {
        list["*"]!.contains(attribute) || list[element]?.contains(attribute) == true
    }
}

/// Which URLs may stand in a page.
enum URLSafety {
    /// For a note's raw HTML, as GitHub allows them: web and mail links, relative URLs and fragments;
    /// images also as `data:` URLs of the raster formats cmark-gfm allows in Markdown images.
    static func allowsInRawHTML(_ url: String, isImage: Bool) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        switch scheme {
        case "http", "https": return true
        case "mailto": return !isImage
        case "data": return isImage && isRasterImageData(url)
        default: return false
        }
    }

    /// For markup cmark-gfm and commons write, cmark-gfm's own rule in safe mode: no `javascript:`,
    /// `vbscript:`, `file:` or `data:` URL but one of a raster image.
    static func allowsInOwnMarkup(_ url: String) -> Bool {
        switch scheme(of: url) {
        case "javascript", "vbscript", "file": false
        case "data": isRasterImageData(url)
        default: true
        }
    }

    /// The scheme a browser reads in `url`, lowercased; nil for a relative URL. As a browser does, it
    /// skips leading and trailing controls and spaces and removes tabs and line breaks anywhere, so
    /// `java\tscript:` is a `javascript:` URL.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        var started = false
        for scalar in url.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if !started && scalar.value <= 0x20 { continue }
            started = true
            if scalar == ":" { return scheme.isEmpty ? nil : scheme }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            guard isLetter || (!scheme.isEmpty && (("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar))) else { return nil }
            scheme += String(scalar).lowercased()
        }
        return nil
    }

    private static func isRasterImageData(_ url: String) -> Bool {
        let lowered = String(url.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
    }
}
