/// Obsidian's comments: `%%inline%%`, and blocks between `%%` lines, shown only while editing. They
/// are the author's private text: removed before anything reads the note, so that no page, search
/// index, bundle or past version holds them, and nothing in them (a link, a tag, an embed) counts.
///
/// `%%` in code (a fenced block or an inline code span) is text, as in Obsidian. A comment that is
/// never closed hides the rest of the note, as in Obsidian. Line breaks inside a comment are kept, so
/// that problems found later are reported at the lines the author sees.
public enum Comments {
    /// `text` without its comments; the same string when it has none.
    public static func removed(from text: String) -> String {
        guard text.utf8.contains(percent) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var inComment = false
        var fence: (mark: UInt8, length: Int)?
        var lines = Array(text.utf8).split(separator: newline, omittingEmptySubsequences: false).makeIterator()
        var first = true
        while let line = lines.next() {
            if !first { output.append(newline) }
            first = false
            if !inComment, let open = fence {
                output += line
                if CodeMarks.closesFence(line, open) { fence = nil }
                continue
            }
            if !inComment, let opened = CodeMarks.opensFence(line) {
                fence = opened
                output += line
                continue
            }
            scan(line, into: &output, inComment: &inComment)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let percent = UInt8(ascii: "%")
    private static let newline = UInt8(ascii: "\n")

    /// Copies what of `line` is outside comments, skipping inline code spans whole.
    private static func scan(_ line: ArraySlice<UInt8>, into output: inout [UInt8], inComment: inout Bool) {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == percent, index + 1 < line.endIndex, line[index + 1] == percent {
                inComment.toggle()
                index += 2
                continue
            }
            if inComment {
                // A carriage return ends the line as the author sees it; it stays with the line break.
                if byte == UInt8(ascii: "\r"), index + 1 == line.endIndex { output.append(byte) }
                index += 1
                continue
            }
            if byte == CodeMarks.backtick {
                let run = line[index...].prefix { $0 == CodeMarks.backtick }.count
                if let close = CodeMarks.closingRun(of: run, in: line, after: index + run) {
                    output += line[index..<(close + run)]
                    index = close + run
                } else {
                    output += line[index..<(index + run)]
                    index += run
                }
                continue
            }
            output.append(byte)
            index += 1
        }
    }
}
