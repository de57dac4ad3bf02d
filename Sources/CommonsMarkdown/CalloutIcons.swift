/// An icon for each kind of callout, as inline SVG in the page: no font or image is fetched from
/// another host. The kinds and their other names are Obsidian's; any other kind gets the note's icon.
enum CalloutIcons {
    static func svg(for kind: String) -> String {
        "<svg class=\"callout-icon\" aria-hidden=\"true\" viewBox=\"0 0 24 24\" width=\"16\" height=\"16\" fill=\"none\" stroke=\"currentColor\" "
            + "stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><path d=\"\(path(for: kind))\"/></svg>"
    }

    private static let circle = "M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z"

    private static func path(for kind: String) -> String {
        switch kind {
        case "abstract", "summary", "tldr": "M9 6h11M9 12h11M9 18h7M4 6h.01M4 12h.01M4 18h.01"
        case "info": circle + "M12 11v5M12 8h.01"
        case "todo": circle + "M8 12l3 3 5-6"
        case "tip", "hint", "important": "M12 3c3 4 5 6 5 10a5 5 0 0 1-10 0c0-2 1-3 2-4 0 2 1 3 2 3 0-3-1-5 1-9z"
        case "success", "check", "done": "M5 12l5 5L20 7"
        case "question", "help", "faq": circle + "M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.7v.5M12 17h.01"
        case "warning", "caution", "attention": "M12 3l10 18H2zM12 10v4M12 17h.01"
        case "failure", "fail", "missing": "M6 6l12 12M18 6L6 18"
        case "danger", "error": "M13 2L4 14h7l-1 8 9-12h-7z"
        case "bug": "M8 9h8v6a4 4 0 0 1-8 0zM12 9v10M4 13h4M16 13h4M6 7l2 2M18 7l-2 2M6 19l2-2M18 19l-2-2"
        case "example": "M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2"
        case "quote", "cite": "M5 17c2-1 3-3 3-6V7H4v4h4M14 17c2-1 3-3 3-6V7h-4v4h4"
        default: "M4 20h4L19 9l-4-4L4 16zM13 7l4 4"
        }
    }
}
