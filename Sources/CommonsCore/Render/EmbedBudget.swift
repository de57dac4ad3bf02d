/// How much one page may embed, counting embeds inside embeds. Without a bound, notes that each embed
/// the next several times grow a page exponentially: 13 notes embedding the next 6 times once ran a
/// build for over five minutes and 1.6 GB. Past the bound, embeds are left out with a visible remark,
/// so a build's time and memory stay proportional to what it publishes.
final class EmbedBudget {
    /// Embeds may nest this deep; deeper ones are left out.
    static let maximumDepth = 8
    /// Embeds one page may hold at all depths together, each rendered once.
    static let maximumEmbeds = 300
    /// Bytes of HTML the embeds of one page may add up to.
    static let maximumBytes = 4 << 20

    private(set) var embeds = 0
    private(set) var bytes = 0
    /// Every embed left out for a bound, the first one's title and reason, for the page's report.
    private(set) var leftOut = 0
    private(set) var firstLeftOut: (title: String, reason: String)?

    /// Why an embed of `title`, below `stack`, is left out, or nil when it may be rendered (and is
    /// then counted).
    func refusal(nesting stack: [NoteID], title: String) -> String? {
        let reason: String
        if stack.count >= Self.maximumDepth {
            reason = "embeds nest more than \(Self.maximumDepth) deep here"
        } else if embeds >= Self.maximumEmbeds || bytes >= Self.maximumBytes {
            reason = "the page already embeds \(embeds) notes (\(Self.maximumEmbeds) or \(Self.maximumBytes >> 20) MB at most, counting embeds inside embeds)"
        } else {
            embeds += 1
            return nil
        }
        leftOut += 1
        firstLeftOut = firstLeftOut ?? (title, reason)
        return reason
    }

    func spend(_ html: String) {
        bytes += html.utf8.count
    }
}
