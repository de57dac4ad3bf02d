import CommonsGit

/// A revision's diff as the history page's template reads it.
enum RevisionDiff {
    /// A diff longer than this shows its first lines and points to the version's whole Markdown: a note
    /// added with thousands of lines would otherwise weigh on the page for little.
    static let maximumLines = 400

    static func context(_ diff: TextDiff, previousWithheld: Bool) -> [String: Any] {
        var budget = maximumLines
        var hunks: [[String: Any]] = []
        var omitted = 0
        for hunk in diff.hunks {
            guard budget > 0 else {
                omitted += hunk.lines.count
                continue
            }
            let shown = hunk.lines.prefix(budget)
            omitted += hunk.lines.count - shown.count
            budget -= shown.count
            hunks.append([
                "header": hunk.header,
                "lines": shown.map { line -> [String: Any] in
                    let kind = switch line.kind {
                    case .added: "added"
                    case .removed: "removed"
                    case .context: "context"
                    }
                    return ["kind": kind, "sign": line.kind.sign, "text": line.text]
                },
            ])
        }
        var context: [String: Any] = ["hunks": hunks, "previousWithheld": previousWithheld]
        if omitted > 0 { context["omitted"] = omitted }
        return context
    }
}
