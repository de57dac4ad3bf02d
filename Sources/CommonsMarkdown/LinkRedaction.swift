/// Drops links from Markdown *source*, keeping what a reader of the rendered page sees of them, for
/// text that is published as text: a note's `.md` file, the bundle, past revisions and their diffs.
///
/// The scan is lexical, not a parse: it finds wikilinks, inline links and images, reference
/// definitions and `href`/`src` attributes of raw HTML wherever they are written, code included. It
/// errs towards dropping, because what it drops is a path the caller has judged must not be shown.
public enum LinkRedaction {
    /// Returns `text` with each wikilink `keepWikilink` refuses replaced by its reader's text, each
    /// link or image whose destination `keepDestination` refuses replaced by its text, and each
    /// refused reference definition or HTML attribute value removed. Destinations are given with
    /// backslash escapes and character references resolved, as cmark resolves them.
    public static func apply(to text: String, keepWikilink: (Wikilink) -> Bool, keepDestination keeps: (String) -> Bool) -> String {
        // Dropping a link can join what stood around it into a new one (`[[Secret|a[[Missing]] b]]`
        // reads `[[Secret|aMissing b]]` once the inner link is text), so the result is read again
        // until nothing changes: once more for most texts, once per level of such nesting.
        var previous = text
        var result = pass(text, keepWikilink: keepWikilink, keepDestination: keeps)
        var passes = 1
        while result != previous {
            guard passes < passLimit else {
                // Nested deeper than honest text is: no bracket or `=` is left to make a link of.
                return result.replacingBytes(of: "[", with: "\\[").replacingBytes(of: "=", with: "&#61;")
            }
            previous = result
            result = pass(result, keepWikilink: keepWikilink, keepDestination: keeps)
            passes += 1
        }
        return result
    }

    static let passLimit = 16

    private static func pass(_ text: String, keepWikilink: (Wikilink) -> Bool, keepDestination keeps: (String) -> Bool) -> String {
        guard text.holdsBytes("[") || text.holdsBytes("=") else { return text }
        // A destination with a named character reference this scan cannot read (it leaves U+FFFD in
        // its place) may be a private path as cmark reads it (`zqsecret&period;md`): it is dropped.
        func keepDestination(_ destination: String) -> Bool { !destination.contains("\u{FFFD}") && keeps(destination) }
        // Read by Unicode scalar, as cmark reads bytes: a `)` or `|` followed by a combining mark is
        // one `Character`, and comparing `Character`s would not see it end a link.
        let source = Array(text.unicodeScalars)
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(source.count)
        // Where each `[` not closed yet was written in `output`.
        var openBrackets: [Int] = []
        var index = 0
        while index < source.count {
            let character = source[index]
            switch character {
            case "\\" where index + 1 < source.count:
                output += source[index...(index + 1)]
                index += 2
            case "[" where index + 1 < source.count && source[index + 1] == "[":
                if let (link, close) = WikilinkNodes.wikilink(in: source, at: index, isEmbed: output.last == "!") {
                    if keepWikilink(link) {
                        // The inside is scanned too: its display text may hold anything but brackets.
                        let inside = String(scalars: source[(index + 2)..<close])
                        output += ("[[" + apply(to: inside, keepWikilink: keepWikilink, keepDestination: keeps) + "]]").unicodeScalars
                    } else {
                        if link.isEmbed { output.removeLast() }
                        output += link.readerText.unicodeScalars
                    }
                    index = close + 2
                } else {
                    openBrackets.append(output.count)
                    output.append(character)
                    index += 1
                }
            case "[":
                openBrackets.append(output.count)
                output.append(character)
                index += 1
            case "]":
                let opener = openBrackets.popLast()
                if index + 1 < source.count, source[index + 1] == "(", let (destination, end) = inlineDestination(in: source, from: index + 2) {
                    if keepDestination(destination) {
                        // Scanned on, as raw HTML in a title or a `<...>` destination may hold a path.
                        output += source[index...(index + 1)]
                        index += 2
                        continue
                    }
                    if let opener {
                        // `[text](dest)` becomes `text`, `![alt](dest)` becomes `alt`.
                        let start = opener > 0 && output[opener - 1] == "!" ? opener - 1 : opener
                        let inner = Array(output[(opener + 1)...])
                        output.removeSubrange(start...)
                        output += inner
                    } else {
                        output.append("]")
                    }
                    index = end + 1
                } else if index + 1 < source.count, source[index + 1] == ":", let opener, startsBlock(output, at: opener),
                          let destination = definitionDestination(in: source, from: index + 2), !keepDestination(destination) {
                    // The definition goes, label and all, to the end of its line.
                    output.removeSubrange(opener...)
                    index = source[index...].firstIndex { $0 == "\n" || $0 == "\r" } ?? source.count
                } else {
                    output.append(character)
                    index += 1
                }
            default:
                if let attribute = htmlAttribute(in: source, at: index) {
                    output += source[index..<attribute.valueStart]
                    // A value that is kept is read on like any text: what looks like an attribute may
                    // not be one (`href=[x](private.md)` outside a tag), and cmark reads links in it.
                    let kept = keepDestination(resolvingReferences(String(scalars: source[attribute.valueStart..<attribute.valueEnd])))
                    index = kept ? attribute.valueStart : attribute.valueEnd
                } else {
                    output.append(character)
                    index += 1
                }
            }
        }
        return String(scalars: output[...])
    }

    /// The destination of an inline link whose `(` is just before `start`, and the index of its `)`.
    private static func inlineDestination(in source: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var index = skipWhitespace(in: source, from: start)
        var destination = ""
        if index < source.count, source[index] == "<" {
            index += 1
            while index < source.count, source[index] != ">" {
                if source[index] == "\n" || source[index] == "\r" || source[index] == "<" { return nil }
                if source[index] == "\\", index + 1 < source.count { index += 1 }
                destination.unicodeScalars.append(source[index])
                index += 1
            }
            guard index < source.count else { return nil }
            index += 1
        } else {
            var depth = 0
            while index < source.count, !source[index].isWhiteSpace {
                let character = source[index]
                if character == "(" {
                    depth += 1
                    // cmark gives up past 32 nested parentheses too; without the bound, text like
                    // `[a](` repeated made every `](` scan to the end: quadratic, minutes on 200 KB.
                    if depth > 32 { return nil }
                }
                if character == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if character == "\\", index + 1 < source.count, source[index + 1].isASCIIPunctuation {
                    index += 1
                }
                destination.unicodeScalars.append(source[index])
                index += 1
            }
        }
        index = skipWhitespace(in: source, from: index)
        if index < source.count, let closer = titleCloser(source[index]) {
            let opener = source[index]
            index += 1
            while index < source.count, source[index] != closer {
                // A title in parentheses holds no other opening one, as in CommonMark; stopping there
                // keeps a run of `[a](x (` from scanning to the end of the text at each of its links.
                if opener == "(" && source[index] == "(" { return nil }
                if source[index] == "\\" { index += 1 }
                index += 1
            }
            guard index < source.count else { return nil }
            index = skipWhitespace(in: source, from: index + 1)
        }
        guard index < source.count, source[index] == ")" else { return nil }
        return (resolvingReferences(destination), index)
    }

    /// The destination of a reference definition whose `:` is just before `start`.
    private static func definitionDestination(in source: [Unicode.Scalar], from start: Int) -> String? {
        var index = skipWhitespace(in: source, from: start)
        var destination = ""
        let bracketed = index < source.count && source[index] == "<"
        if bracketed { index += 1 }
        while index < source.count, bracketed ? source[index] != ">" : !source[index].isWhiteSpace {
            if source[index] == "\\", index + 1 < source.count { index += 1 }
            destination.unicodeScalars.append(source[index])
            index += 1
        }
        return destination.isEmpty ? nil : resolvingReferences(destination)
    }

    /// Whether the `[` at `index` of `output` opens its line, after indentation and `>` markers, as
    /// a reference definition's label must.
    private static func startsBlock(_ output: [Unicode.Scalar], at index: Int) -> Bool {
        var position = index - 1
        while position >= 0, output[position] == " " || output[position] == "\t" || output[position] == ">" {
            position -= 1
        }
        return position < 0 || output[position] == "\n" || output[position] == "\r"
    }

    /// An `href=` or `src=` attribute starting at `index`, with the range of its value (quotes excluded).
    private static func htmlAttribute(in source: [Unicode.Scalar], at index: Int) -> (valueStart: Int, valueEnd: Int)? {
        // The letter first: this runs for every character of the text, and few are h or s, while
        // asking whether a character is whitespace looks up its Unicode properties.
        guard source[index] == "h" || source[index] == "H" || source[index] == "s" || source[index] == "S", index > 0, source[index - 1].isWhiteSpace else {
            return nil
        }
        let name = ["href", "src"].first { name in
            index + name.count <= source.count && String(scalars: source[index..<(index + name.count)]).lowercased() == name
        }
        guard let name else { return nil }
        var position = index + name.count
        while position < source.count, source[position] == " " { position += 1 }
        guard position < source.count, source[position] == "=" else { return nil }
        position += 1
        while position < source.count, source[position] == " " { position += 1 }
        guard position < source.count else { return nil }
        if source[position] == "\"" || source[position] == "'" {
            let quote = source[position]
            guard let end = source[(position + 1)...].firstIndex(of: quote) else { return nil }
            return (position + 1, end)
        }
        let end = source[position...].firstIndex { $0.isWhiteSpace || $0 == ">" } ?? source.count
        return (position, end)
    }

    private static func titleCloser(_ opener: Unicode.Scalar) -> Unicode.Scalar? {
        switch opener {
        case "\"", "'": opener
        case "(": ")"
        default: nil
        }
    }

    private static func skipWhitespace(in source: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < source.count, source[index].isWhiteSpace { index += 1 }
        return index
    }

    /// Resolves numeric character references and `&amp;`, as cmark does in destinations. A named
    /// reference it does not know is replaced by U+FFFD, so the destination cannot be matched to a
    /// published file and is dropped rather than kept unread.
    static func resolvingReferences(_ text: String) -> String {
        guard text.holdsBytes("&") else { return text }
        // By scalar, as cmark reads it: a `;` followed by a combining mark still ends a reference.
        // A `String`, which appends in place; a `UnicodeScalarView` copies itself for each run appended.
        var result = ""
        var rest = text.unicodeScalars[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += Substring(rest[..<ampersand])
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(33).firstIndex(of: ";") else {
                result.unicodeScalars.append("&")
                rest = after
                continue
            }
            let name = after[..<semicolon]
            if name.elementsEqual("amp".unicodeScalars) {
                result.unicodeScalars.append("&")
            } else if name.first == "#", let scalar = numericReference(Substring(name.dropFirst())) {
                result.unicodeScalars.append(scalar)
            } else if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
                result.unicodeScalars.append("\u{FFFD}")
            } else {
                result.unicodeScalars.append("&")
                rest = after
                continue
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + Substring(rest)
    }

    private static func numericReference(_ digits: Substring) -> Unicode.Scalar? {
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init) ?? (value == nil ? nil : "\u{FFFD}")
    }
}
