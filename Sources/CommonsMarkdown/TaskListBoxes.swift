/// cmark-gfm writes a task list's boxes as bare `<input>`s, which a screen reader announces with no
/// name. Each gets one that says what the box shows, before the item's own text.
enum TaskListBoxes {
    private static let names = [
        ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\">"),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\">"),
    ]

    static func name(in html: String) -> String {
        guard html.contains("<input type=\"checkbox\"") else { return html }
        return names.reduce(html) { html, box in html.replacing(box.0, with: box.1) }
    }
}
