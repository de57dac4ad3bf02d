/// Where the links a render found start in the text as written, counted in Unicode scalars (what a
/// Python string indexes), so that a reader of the text can cut what surrounds a link.
///
/// cmark-gfm gives a line and a column, but the columns are bytes of the text as parsed, in which each
/// protected wikilink and escape is one character: past the first of them on a line they drift. Each
/// link is therefore looked for on its line: a wikilink as the next `[[…]]` there that reads as the
/// same link, a Markdown link as the free lone `[` nearest to where its column points. Each start is
/// given to one link only, so two links never share an offset, and the same text always gives the
/// same offsets. A line is read once, however many links it holds.
public struct LinkOffsets {
    private let scalars: [Unicode.Scalar]
    /// The offset each line starts at; cmark counts lines from 1.
    private let lineStarts: [Int]
    private var claimed: Set<Int> = []
    /// Each line's wikilinks as written, by where they start, and how many the links found so far used.
    private var wikilinks: [Int: (found: [(start: Int, link: Wikilink)], used: Int)] = [:]
    /// Each line's lone `[`s, in order.
    private var brackets: [Int: [Int]] = [:]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// Where `link`, found by a render of this text, starts: at `![[` for an embed, else at `[[`.
    public mutating func offset(of link: Wikilink) -> Int {
        let line = self.line(link.line)
        var (found, used) = wikilinks[link.line] ?? (wikilinksWritten(on: line), 0)
        defer { wikilinks[link.line] = (found, used) }
        // Links are found in the order they are written, so the search goes on from the last one.
        for index in used..<found.count {
            let written = found[index]
            if written.link.isEmbed == link.isEmbed, written.link.target == link.target, written.link.fragment == link.fragment,
               written.link.display == link.display, !claimed.contains(written.start) {
                claimed.insert(written.start)
                used = index + 1
                return written.start
            }
        }
        return claim(near: line.lowerBound + min(max(link.column - 1, 0), line.count))
    }

    /// Where the Markdown link or image `link` starts: at its `[`, or the `!` before it. cmark's column
    /// counts bytes, and protected wikilinks and escapes move it either way: the nearest free opening
    /// on the line is taken, the earlier of two as near.
    public mutating func offset(of link: RenderedMarkdown.Link) -> Int {
        let line = self.line(link.line)
        var column = line.lowerBound
        var bytes = 0
        while column < line.upperBound, bytes + scalars[column].utf8.count <= link.column - 1 {
            bytes += scalars[column].utf8.count
            column += 1
        }
        let openings = brackets[link.line] ?? loneBrackets(on: line)
        brackets[link.line] = openings
        // An image starts at the `!` before its bracket.
        let shift = link.isImage ? 1 : 0
        let wanted = column + shift
        var after = openings.partitioningIndex { $0 >= wanted }
        var before = after - 1
        while before >= 0 || after < openings.count {
            let left = before >= 0 ? openings[before] : nil
            let right = after < openings.count ? openings[after] : nil
            let nearer: Int
            if let left, right.map({ wanted - left <= $0 - wanted }) ?? true {
                nearer = left
                before -= 1
            } else {
                nearer = right!
                after += 1
            }
            let start = nearer - shift
            if start >= line.lowerBound, !claimed.contains(start), !link.isImage || scalars[start] == "!" {
                claimed.insert(start)
                return start
            }
        }
        return claim(near: column)
    }

    private func wikilinksWritten(on line: Range<Int>) -> [(start: Int, link: Wikilink)] {
        var found: [(start: Int, link: Wikilink)] = []
        var index = line.lowerBound
        while index < line.upperBound {
            let isEmbed = index > line.lowerBound && scalars[index - 1] == "!"
            if let (link, close) = WikilinkNodes.wikilink(in: scalars, at: index, isEmbed: isEmbed) {
                found.append((isEmbed ? index - 1 : index, link))
                index = close + 2
            } else {
                index += 1
            }
        }
        return found
    }

    /// The `[`s of the line that are not half of a wikilink's `[[`.
    private func loneBrackets(on line: Range<Int>) -> [Int] {
        line.filter { index in
            scalars[index] == "[" && (index + 1 == line.upperBound || scalars[index + 1] != "[")
                && (index == line.lowerBound || scalars[index - 1] != "[")
        }
    }

    /// A start not found as written (the text was not the one rendered): the place cmark named, or
    /// the first free one after it.
    private mutating func claim(near offset: Int) -> Int {
        var start = offset
        while claimed.contains(start) { start += 1 }
        claimed.insert(start)
        return start
    }

    private func line(_ number: Int) -> Range<Int> {
        guard number >= 1, number <= lineStarts.count else { return scalars.count..<scalars.count }
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        return start..<max(start, end)
    }
}

extension Array where Element == Int {
    /// The index of the first element for which `isAfter` holds, in an array ordered so that it holds
    /// for a suffix.
    fileprivate func partitioningIndex(where isAfter: (Int) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
