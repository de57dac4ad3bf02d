/// Rewrites the wikilinks of Markdown source, for text read by Markdown readers that do not know them
/// (the llms.txt files): each `[[...]]` and `![[...]]` outside code becomes what `replacement` makes of
/// it. Code is found as `Comments` finds it: fenced blocks and inline code spans, where a wikilink is
/// text; `\[[` is text too.
public enum WikilinkRewrite {
    /// `text` with each wikilink replaced by `replacement`'s answer, or kept when it answers nil.
    public static func apply(to text: String, _ replacement: (Wikilink) -> String?) -> String {
        guard text.utf8.contains(bracket) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var fence: (mark: UInt8, length: Int)?
        var first = true
        for line in Array(text.utf8).split(separator: newline, omittingEmptySubsequences: false) {
            if !first { output.append(newline) }
            first = false
            if let open = fence {
                output += line
                if CodeMarks.closesFence(line, open) { fence = nil }
            } else if let opened = CodeMarks.opensFence(line) {
                fence = opened
                output += line
            } else {
                rewrite(line, into: &output, replacement)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let bracket = UInt8(ascii: "[")
    private static let newline = UInt8(ascii: "\n")

    private static func rewrite(_ line: ArraySlice<UInt8>, into output: inout [UInt8], _ replacement: (Wikilink) -> String?) {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: "\\"), index + 1 < line.endIndex {
                output += line[index...(index + 1)]
                index += 2
                continue
            }
            if byte == CodeMarks.backtick {
                let run = line[index...].prefix { $0 == CodeMarks.backtick }.count
                let end = CodeMarks.closingRun(of: run, in: line, after: index + run).map { $0 + run } ?? index + run
                output += line[index..<end]
                index = end
                continue
            }
            if byte == bracket, index + 1 < line.endIndex, line[index + 1] == bracket {
                // Read as the redaction reads a wikilink, on the scalars up to the next `[`, which a
                // wikilink cannot hold: a line of a thousand links is read once, not a thousand times.
                let isEmbed = index > line.startIndex && line[index - 1] == UInt8(ascii: "!")
                let limit = line[(index + 2)...].firstIndex(of: bracket) ?? line.endIndex
                let rest = Array(String(decoding: line[index..<limit], as: UTF8.self).unicodeScalars)
                if let (link, close) = WikilinkNodes.wikilink(in: rest, at: 0, isEmbed: isEmbed), let replaced = replacement(link) {
                    if isEmbed { output.removeLast() }
                    output += Array(replaced.utf8)
                    index += rest[...(close + 1)].reduce(0) { $0 + UTF8.width($1) }
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
    }
}
