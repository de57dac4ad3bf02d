/// A URL path segment sequence made from a note's path: `Folder/My Note.md` → `folder/my-note`.
public struct Slug: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Segments joined by `/`, without leading or trailing slash; "" is the site root.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The slug of a note path: each segment lowercased, letters and digits of any script kept,
    /// every other run of characters turned into one `-`.
    public init(path: String) {
        var segments = path.split(separator: "/").map(String.init)
        if let last = segments.last, last.lowercased().hasSuffix(".md") {
            segments[segments.count - 1] = String(last.dropLast(3))
        }
        value = segments.map(Self.slugify).joined(separator: "/")
    }

    static func slugify(_ segment: String) -> String {
        var result = ""
        var pendingHyphen = false
        for character in segment.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.append(character)
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "note" : result
    }

    /// The first segment, which decides clashes with the site's own pages.
    var topSegment: Substring { value.split(separator: "/").first ?? "" }

    /// The slug with `-n` added to its last segment, or to its first when that is the one that clashes.
    func numbered(_ number: Int, atTop: Bool) -> Slug {
        guard atTop else { return Slug("\(value)-\(number)") }
        let rest = value.dropFirst(topSegment.count)
        return Slug("\(topSegment)-\(number)\(rest)")
    }

    public var description: String { value }

    public static func < (lhs: Slug, rhs: Slug) -> Bool {
        lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
    }
}
