/// cmark-gfm writes a task list's boxes as bare `<input>`s, which a screen reader announces with no
/// name. Each gets one that says what the box shows, before the item's own text. cmark-gfm knows only
/// `[ ]` and `[x]`; Obsidian takes any other character in the brackets (`[?]`, `[/]`, `[-]`, `[>]`) for a
/// task in that state, shown ticked, and so does this.
enum TaskListBoxes {
    private static let names = [
        ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\">"),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\">"),
    ]

    /// What each of Obsidian's common other states says to a screen reader.
    private static let states: [Character: String] = [
        "?": "Question", "/": "In progress", "-": "Cancelled", ">": "Forwarded", "<": "Scheduled", "!": "Important", "*": "Starred",
    ]

    static func name(in html: String) -> String {
        var html = html
        // By byte: Foundation's `contains` was a fortieth of a cold build, for pages with no list at all.
        if html.holdsBytes("<li>[") || html.holdsBytes("<li>\n<p>[") { html = otherStates(in: html) }
        guard html.holdsBytes("<input type=\"checkbox\"") else { return html }
        return names.reduce(html) { html, box in html.replacing(box.0, with: box.1) }
    }

    private static func otherStates(in html: String) -> String {
        var result = ""
        var rest = Substring(html)
        while let item = rest.range(of: "<li>") {
            result += rest[..<item.upperBound]
            rest = rest[item.upperBound...]
            let paragraph = rest.hasPrefix("\n<p>") ? "\n<p>" : ""
            let box = rest.dropFirst(paragraph.count)
            // `[c] `, where c is one character that cmark-gfm has not read already; `>` and `<` come escaped.
            let state: Character, length: Int
            if box.hasPrefix("[&gt;] ") {
                (state, length) = (">", 7)
            } else if box.hasPrefix("[&lt;] ") {
                (state, length) = ("<", 7)
            } else if box.first == "[", box.dropFirst(2).hasPrefix("] "), let character = box.dropFirst().first, !"]<&".contains(character) {
                (state, length) = (character, 4)
            } else {
                continue
            }
            // cmark-gfm misses `[ ]` and `[x]` in an item inside a block quote (so in every callout):
            // those are read here too.
            switch state {
            case " ": result += paragraph + names[1].1 + " "
            case "x", "X": result += paragraph + names[0].1 + " "
            default:
                result += paragraph + "<input type=\"checkbox\" checked=\"\" disabled=\"\" data-task=\"\(HTMLEscape.attribute(String(state)))\" "
                    + "aria-label=\"\(states[state] ?? "Done")\"> "
            }
            rest = box.dropFirst(length)
        }
        return result + rest
    }
}
