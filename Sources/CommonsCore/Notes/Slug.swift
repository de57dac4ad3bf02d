/// A URL path segment sequence made from a note's path: `Folder/My Note.md` → `folder/my-note`.
public struct Slug: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Segments joined by `/`, without leading or trailing slash; "" is the site root.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// How much of a name its slug spells: the plain slug drops symbols; `symbolsNamed` names them
    /// (`clang++` is `clang-plus-plus`), and `symbolsMarked` also marks a name made of symbols alone
    /// (`,` is `symbol-comma`), for a name whose slug another name shares.
    enum Spelling: Int, CaseIterable {
        case plain
        case symbolsNamed
        case symbolsMarked
    }

    /// The slug of a note path: each segment lowercased, letters and digits of any script kept,
    /// every other run of characters turned into one `-`.
    public init(path: String) {
        self.init(segments: Self.segments(ofNotePath: path), spelling: .plain)
    }

    init(segments: [String], spelling: Spelling) {
        value = segments.map { Self.slugify($0, spelling: spelling) }.joined(separator: "/")
    }

    /// The path's parts, the last without `.md`.
    static func segments(ofNotePath path: String) -> [String] {
        var segments = path.split(separator: "/").map(String.init)
        if let last = segments.last, last.lowercased().hasSuffix(".md") {
            segments[segments.count - 1] = String(last.dropLast(3))
        }
        return segments
    }

    /// A segment made only of symbols (`!`, `$`, `[`) has them named, since nothing else tells it apart.
    /// A segment with nothing to name (spaces alone) is `note`.
    static func slugify(_ segment: String, spelling: Spelling = .plain) -> String {
        guard !segment.contains(where: isWordCharacter) else { return words(of: segment, naming: spelling == .plain ? .nothing : .symbols) }
        let named = words(of: segment, naming: .everything)
        return named.isEmpty ? "note" : spelling == .symbolsMarked ? "symbol-" + named : named
    }

    /// Each name's slug, spelled only as far as tells it from the others' (`clang` and `clang++`,
    /// `comma` and `,`): names that still share one differ in case, normalisation or separators
    /// alone, and are left for the caller to number.
    static func distinct(_ names: [[String]]) -> [Slug] {
        let plain = names.map { Slug(segments: $0, spelling: .plain) }
        let sharing = Dictionary(grouping: plain.indices) { plain[$0] }.filter { $0.value.count > 1 }
        var slugs = plain
        for members in sharing.values {
            for member in members {
                if let told = Spelling.allCases.dropFirst().lazy.map({ Slug(segments: names[member], spelling: $0) }).first(where: { $0 != plain[member] }) {
                    slugs[member] = told
                }
            }
        }
        return slugs
    }

    /// Characters that part words, as spaces do: a name that differs from another by these alone is
    /// the same name spelled another way, and is numbered rather than spelled out.
    private static let separators: Set<Character> = [" ", "-", ".", ",", "'", "\u{2019}", "\"", ":", ";", "(", ")", "/", "\\"]

    /// Names for symbols whose Unicode name reads badly in a URL.
    private static let symbolNames: [Unicode.Scalar: String] = ["#": "hash", "@": "at", "&": "and", "|": "pipe", "*": "star"]

    private enum Naming {
        case nothing
        case symbols
        /// Separators too, for a name that is nothing else.
        case everything
    }

    private static func words(of segment: String, naming: Naming) -> String {
        var result = ""
        var pendingHyphen = false
        func append(_ word: some StringProtocol) {
            if pendingHyphen && !result.isEmpty { result.append("-") }
            pendingHyphen = false
            result += word
        }
        for character in segment.lowercased() {
            if isWordCharacter(character) {
                append(String(character))
            } else if naming == .everything || naming == .symbols && !separators.contains(character), !character.isWhitespace,
                      let name = name(of: character) {
                pendingHyphen = true
                append(name)
                pendingHyphen = true
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// `plus` for `+`, `rocket` for 🚀: the Unicode names of the character's scalars, lowercased, with
    /// "sign" and "mark" left off; marks and joiners that only shape the character are not named.
    private static func name(of character: Character) -> String? {
        let names = character.unicodeScalars.compactMap { scalar -> String? in
            if let name = symbolNames[scalar] { return name }
            guard ![.nonspacingMark, .enclosingMark, .format].contains(scalar.properties.generalCategory),
                  var name = scalar.properties.name?.lowercased() else { return nil }
            for suffix in [" sign", " mark"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            return name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
        }
        return names.isEmpty ? nil : names.joined(separator: "-")
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
        lhs.value.precedesInBytes(rhs.value)
    }
}
