/// Where code starts and ends in Markdown source, read line by line as Obsidian reads its own syntax
/// (comments, and the wikilinks of text for other readers): fenced blocks and inline code spans,
/// inside which `%%` and `[[` are text.
enum CodeMarks {
    static let backtick = UInt8(ascii: "`")

    /// Where a run of exactly `length` backticks starts after `start`, closing a code span.
    static func closingRun(of length: Int, in line: ArraySlice<UInt8>, after start: Int) -> Int? {
        var index = start
        while index < line.endIndex {
            guard line[index] == backtick else {
                index += 1
                continue
            }
            let run = line[index...].prefix { $0 == backtick }.count
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// A code fence that opens at `line`: up to three spaces, then three or more backticks or tildes.
    static func opensFence(_ line: ArraySlice<UInt8>) -> (mark: UInt8, length: Int)? {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= 3, let mark = line.dropFirst(indent).first, mark == backtick || mark == UInt8(ascii: "~") else { return nil }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == mark }.count
        // A backtick fence's info string may not hold a backtick: that line is inline code instead.
        guard length >= 3, mark != backtick || !rest.dropFirst(length).contains(backtick) else { return nil }
        return (mark, length)
    }

    static func closesFence(_ line: ArraySlice<UInt8>, _ open: (mark: UInt8, length: Int)) -> Bool {
        let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == open.mark }.count
        return length >= open.length && rest.dropFirst(length).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
