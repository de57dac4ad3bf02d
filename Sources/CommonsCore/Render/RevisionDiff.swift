import CommonsGit

/// A revision's diff as the history page's template reads it.
enum RevisionDiff {
    /// A diff longer than this shows its first lines and points to the version's whole Markdown: a note
    /// added with thousands of lines would otherwise weigh on the page for little.
    static let maximumLines = 400

    /// What `values` makes its values from, for a page's digest: each hunk's header and each line
    /// with its sign, one text each.
    static func madeFrom(_ diff: TextDiff, previousWithheld: Bool) -> PageValues {
        var texts: [String] = []
        for hunk in diff.hunks {
            texts.append("@" + hunk.header)
            for line in hunk.lines { texts.append(line.kind.sign + line.text) }
        }
        return PageValues(["hunks": .texts(texts), "previousWithheld": .flag(previousWithheld)])
    }

    static func values(_ diff: TextDiff, previousWithheld: Bool) -> PageValues {
        var budget = maximumLines
        var hunks: [PageValues] = []
        var omitted = 0
        for hunk in diff.hunks {
            guard budget > 0 else {
                omitted += hunk.lines.count
                continue
            }
            let shown = hunk.lines.prefix(budget)
            omitted += hunk.lines.count - shown.count
            budget -= shown.count
            hunks.append(PageValues([
                "header": .text(hunk.header),
                "lines": .list(shown.map { line in
                    let kind = switch line.kind {
                    case .added: "added"
                    case .removed: "removed"
                    case .context: "context"
                    }
                    return PageValues(["kind": .text(kind), "sign": .text(line.kind.sign), "text": .text(line.text)])
                }),
            ]))
        }
        var values = PageValues(["hunks": .list(hunks), "previousWithheld": .flag(previousWithheld)])
        if omitted > 0 { values["omitted"] = .number(omitted) }
        return values
    }
}
