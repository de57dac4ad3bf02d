/// Heading ids as GitHub makes them: lowercase, punctuation dropped, spaces turned into `-`, and a
/// repeated id numbered `-1`, `-2`, ... in document order.
public struct HeadingAnchors {
    private var seen: [String: Int] = [:]

    public init() {}

    /// The GitHub slug of a heading's text, before de-duplication.
    public static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                result.append(character)
            } else if character == " " {
                result.append("-")
            }
        }
        return result
    }

    /// The next anchor for a heading with this text.
    public mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = seen[base] else {
            seen[base] = 0
            return base
        }
        var number = count + 1
        while seen["\(base)-\(number)"] != nil { number += 1 }
        seen[base] = number
        seen["\(base)-\(number)"] = 0
        return "\(base)-\(number)"
    }
}
