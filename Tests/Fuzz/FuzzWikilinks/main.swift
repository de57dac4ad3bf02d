// Fuzzes the lexers of Obsidian's inline syntax that work on text rather than on cmark's tree:
// `[[wikilinks]]` and `![[embeds]]`, `#tags`, `^block-ids`, heading anchors, `$math$` and the
// placeholders that keep `\[[` and `\#` literal.
//
// Invariants: a wikilink's parts are trimmed and non-empty, its target holds no `|` or `#`, its inside
// no bracket or line break, and a reader always sees some text for it; text without `[[` reads as
// itself; a link's reader text hides its target when it has display text; tags and block ids have
// their documented shape; heading anchors are unique slugs; and hiding math, wikilinks or escapes and putting
// them back gives the text as written.
@testable import CommonsMarkdown
import FuzzSupport

func checkLink(_ link: Wikilink, inner: String, _ text: String) {
    let context = "link \(quoted(inner)) in \(quoted(text))"
    // Read by scalar, as cmark and Obsidian read the text: `|` + U+200D is still a bar.
    invariant(!inner.unicodeScalars.contains(where: { $0 == "[" || $0 == "]" || $0 == "\n" || $0 == "\r" }), "a wikilink's inside holds a bracket or a line break: \(context)")
    invariant(link.target == link.target.trimmingSpaces, "an untrimmed target \(quoted(link.target)): \(context)")
    invariant(!link.target.unicodeScalars.contains("|") && !link.target.unicodeScalars.contains("#"), "a target holding | or #: \(quoted(link.target)): \(context)")
    invariant(!link.target.isEmpty || link.fragment != nil, "a link to nothing: \(context)")
    if let fragment = link.fragment {
        invariant(!fragment.isEmpty && fragment == fragment.trimmingSpaces && !fragment.unicodeScalars.contains("|"), "a bad fragment \(quoted(fragment)): \(context)")
    }
    if let display = link.display {
        invariant(!display.isEmpty && display == display.trimmingSpaces, "a bad display text \(quoted(display)): \(context)")
    }
    invariant(!link.readerText.isEmpty, "a link a reader sees no text for: \(context)")
}

/// The two-letter code of a scalar's general category, for the marks a tag may hold.
func generalCategoryCode(_ scalar: Unicode.Scalar) -> String {
    switch scalar.properties.generalCategory {
    case .nonspacingMark: "Mn"
    case .spacingMark: "Mc"
    case .enclosingMark: "Me"
    default: ""
    }
}

/// `text` with each scalar `isReserved` accepts, and each numeric character reference (`&#57600;`,
/// `&#xE100;`) to one, written as U+FFFD: what the renderer must do so that text forges no marker.
func withoutReserved(_ text: String, _ isReserved: (Unicode.Scalar) -> Bool) -> String {
    var result = ""
    var scalars = Array(text.unicodeScalars.map { isReserved($0) ? "\u{FFFD}" : $0 })[...]
    while let scalar = scalars.popFirst() {
        if scalar == "&", scalars.first == "#", let semicolon = scalars.prefix(10).firstIndex(of: ";") {
            let body = String(String.UnicodeScalarView(scalars[(scalars.startIndex + 1)..<semicolon]))
            let hex = body.first == "x" || body.first == "X"
            let digits = hex ? String(body.dropFirst()) : body
            let allowed = hex ? (1...6).contains(digits.count) && digits.allSatisfy(\.isHexDigit) : (1...7).contains(digits.count) && digits.allSatisfy { ("0"..."9").contains($0) }
            if allowed, let value = UInt32(digits, radix: hex ? 16 : 10), let named = Unicode.Scalar(value), isReserved(named) {
                result += "&#xFFFD;"
                scalars = scalars[(semicolon + 1)...]
                continue
            }
        }
        result.unicodeScalars.append(scalar)
    }
    return result
}

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let characters = Array(text.unicodeScalars)

    let shown = WikilinkNodes.displayText(of: text)
    invariant(text.utf8.firstRange(of: "[[".utf8) != nil || shown == text, "text without [[ reads differently: \(quoted(text)) reads \(quoted(shown))")
    invariant(WikilinkNodes.displayText(of: text) == shown, "two readings differ: \(quoted(text))")

    for index in characters.indices {
        if characters[index] == "[", let (link, close) = WikilinkNodes.wikilink(in: characters, at: index, isEmbed: index > 0 && characters[index - 1] == "!") {
            invariant(close > index + 1 && close + 1 < characters.count && characters[close] == "]" && characters[close + 1] == "]",
                      "a wikilink's close at \(close) is not ]]: \(quoted(text))")
            checkLink(link, inner: String(scalars: characters[(index + 2)..<close]), text)
            // What a reader sees of a link with display text: that text alone, never its target.
            if let display = link.display {
                let alone = String(scalars: characters[index...(close + 1)])
                invariant(WikilinkNodes.displayText(of: alone) == display, "\(quoted(alone)) reads \(quoted(WikilinkNodes.displayText(of: alone)))")
            }
        }
        if characters[index] == "#", let tag = WikilinkNodes.tag(in: characters, at: index) {
            invariant(!tag.isEmpty && !tag.allSatisfy(\.isNumber) && !tag.hasPrefix("/") && !tag.hasSuffix("/")
                      && tag.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil
                          || ["Mn", "Mc", "Me"].contains(generalCategoryCode($0)) || "_-/".unicodeScalars.contains($0) },
                      "a tag of the wrong shape: \(quoted(tag)) in \(quoted(text))")
        }
    }

    var anchors = HeadingAnchors()
    var seen: Set<String> = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if let id = BlockIDs.trailingID(in: String(line)) {
            invariant(id.hasPrefix("^") && id.count > 1 && id.dropFirst().allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" },
                      "a block id of the wrong shape: \(quoted(id)) in \(quoted(String(line)))")
        }
        let slug = HeadingAnchors.slug(String(line))
        // Read by scalar: a combining mark the slug keeps may join the `-` before it into one Character.
        invariant(slug.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && (!$0.isASCII || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
                  && slug == slug.lowercased(),
                  "a heading slug of the wrong shape: \(quoted(slug)) for \(quoted(String(line)))")
        let anchor = anchors.anchor(for: String(line))
        invariant(seen.insert(anchor).inserted, "the anchor \(quoted(anchor)) is given twice, in \(quoted(text))")
    }

    // The private-use characters the renderer uses as markers are replaced in the input.
    let (protected, math) = MathSpans.protect(text)
    // Without a `$` there is no math, and the reserved characters are left alone. With one, each
    // reserved character, and each numeric reference to one, becomes U+FFFD wherever it is.
    let mathReplaced = text.utf8.contains(UInt8(ascii: "$")) ? withoutReserved(text, MathSpans.isReserved) : text
    invariant(math.source(protected) == mathReplaced, "math hidden and put back changes the text: \(quoted(text)) became \(quoted(math.source(protected)))")
    // The same for the wikilinks swapped out while cmark-gfm parses.
    let (linked, wikilinks) = WikilinkSpans.protect(text)
    let linksReplaced = text.utf8.firstRange(of: "[[".utf8) != nil ? withoutReserved(text, WikilinkSpans.isReserved) : text
    invariant(wikilinks.source(linked) == linksReplaced, "wikilinks hidden and put back change the text: \(quoted(text)) became \(quoted(wikilinks.source(linked)))")
    let escaped = EscapedCharacters.protect(text)
    let escapesReplaced = withoutReserved(text, EscapedCharacters.isReserved)
    invariant(EscapedCharacters.restoreLiteral(escaped) == escapesReplaced,
              "escapes hidden and put back change the text: \(quoted(text)) became \(quoted(EscapedCharacters.restoreLiteral(escaped)))")
}
