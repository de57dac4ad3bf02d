/// What HTML rendered from a note in safe mode may hold: the tags cmark-gfm and commons write, no
/// event handler, no URL that runs script. Anything else came from the note and could run in a reader's browser.
public enum PageSafety {
    /// The elements cmark-gfm writes with GitHub's extensions; those commons writes for wikilinks, embeds,
    /// callouts (with their icons' SVG shapes), math, highlights and task lists; and those GitHub lets a
    /// note's raw HTML keep. A new one belongs here once it is known to be safe.
    public static let allowedTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
        "em", "strong", "del", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input", "section", "sup",
        "div", "span", "aside", "details", "summary", "mark", "audio", "video", "object",
        "svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon",
        "abbr", "b", "bdo", "caption", "cite", "dd", "dfn", "dl", "dt", "figcaption", "figure", "i", "ins", "kbd",
        "picture", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "strike", "sub", "tfoot", "time", "tt",
        "u", "var", "wbr",
    ]

    /// Attributes whose value a browser loads or follows as a URL.
    static let urlAttributes: Set<String> = [
        "href", "src", "data", "action", "formaction", "poster", "background", "cite", "longdesc", "srcset",
        "xlink:href", "ping", "manifest", "codebase", "dynsrc", "lowsrc",
    ]

    /// The first reason `html` is unsafe, or nil.
    public static func problem(in html: String) -> String? {
        if html.lowercased().contains("<script") { return "the HTML holds \"<script\"" }
        for tag in HTMLTag.scan(html) {
            guard allowedTags.contains(tag.name) else { return "a <\(tag.name)> element, which commons never writes" }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { return "an event handler \(name)= on <\(tag.name)>" }
                if name == "style" { return "a style attribute on <\(tag.name)>" }
                // A srcset lists URLs, each with its size after a space.
                let urls = name == "srcset" ? value.split(separator: ",").map { String($0.drop { $0 == " " }) } : [value]
                if urlAttributes.contains(name), let scheme = urls.lazy.compactMap(dangerousScheme).first {
                    return "a \(scheme) URL in \(name)= on <\(tag.name)>: \(value)"
                }
            }
            if tag.name == "input", tag.value(of: "type") != "checkbox" {
                return "an <input> that is not a task list's checkbox"
            }
            if tag.name == "object", tag.value(of: "type") != "application/pdf" {
                return "an <object> that is not a PDF embed"
            }
        }
        return nil
    }

    /// The scheme of `url` when it is one cmark-gfm's safe mode refuses (`javascript:`, `vbscript:`,
    /// `file:`, and `data:` other than four image types), read as a browser reads it: leading spaces
    /// and control characters dropped, tabs and line breaks anywhere ignored, letter case ignored.
    public static func dangerousScheme(_ url: String) -> String? {
        var scalars = Substring(url).unicodeScalars.drop { $0.value <= 0x20 }
        scalars = scalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        let normalised = String(String.UnicodeScalarView(scalars)).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:"] where normalised.hasPrefix(scheme) {
            return scheme
        }
        if normalised.hasPrefix("data:"),
           !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: normalised.hasPrefix) {
            return "data:"
        }
        return nil
    }
}
