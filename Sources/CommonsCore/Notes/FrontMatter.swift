import Foundation
import Yams

/// The YAML block at the top of a note, between two `---` lines.
public struct FrontMatter: Hashable, Sendable {
    /// Every key, in the author's order; unknown keys are kept for the bundle.
    public let entries: [FrontMatterValue.Entry]
    /// The line of each key, counted in the YAML text (1 is the line after the opening `---`).
    let keyLines: [String: Int]

    public static let empty = FrontMatter(entries: [], keyLines: [:])

    public subscript(key: String) -> FrontMatterValue? {
        entries.first { $0.key == key }?.value
    }

    public var title: String? { self["title"]?.text?.trimmed.nonEmpty }
    public var description: String? { self["description"]?.text?.trimmed.nonEmpty }
    public var tags: [String] { self["tags"]?.strings ?? [] }
    public var aliases: [String] { self["aliases"]?.strings ?? [] }
    public var date: String? { self["date"]?.text }
    // The three privacy keys fail closed: a value that is not a plain boolean (`private: "yes"`,
    // `publish: maybe`) keeps the note unpublished, because the author plainly meant something by it.

    /// `true` or `false` when the note says so; a value of another type counts as `false`.
    public var publish: Bool? {
        guard let value = self["publish"] else { return nil }
        return value.bool ?? false
    }

    /// Private unless the key is absent or exactly `false`.
    public var isPrivate: Bool { self["private"].map { $0.bool != false } ?? false }

    /// A draft unless the key is absent or exactly `false`.
    public var isDraft: Bool { self["draft"].map { $0.bool != false } ?? false }

    /// The keys commons reads whose value has the wrong type, with what it should have been. An empty
    /// value (`aliases:`), or an empty item of a list (`tags:` then `- `), is how Obsidian leaves a
    /// property blank, not a mistake: it means no value.
    var typeProblems: [(key: String, expected: String)] {
        var problems: [(key: String, expected: String)] = []
        for entry in entries {
            switch entry.key {
            case "title", "description", "date":
                if entry.value.text == nil && entry.value != .null { problems.append((entry.key, "a single value")) }
            case "tags", "aliases":
                let isList = entry.value == .null || entry.value.strings.map { $0.count == entry.value.nonNullCount } ?? false
                if !isList { problems.append((entry.key, "a list of values")) }
            case "publish", "private", "draft":
                if entry.value.bool == nil { problems.append((entry.key, "true or false")) }
            default:
                break
            }
        }
        return problems
    }

    /// The spellings YAML's resolver (Yams' own, as `load` uses it) gives booleans: each word in lower,
    /// title or upper case.
    private static let booleanSpellings: Set<String> = Set(["yes", "no", "true", "false", "on", "off"].flatMap { word in
        [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()]
    })

    /// The most nodes one front matter may expand to: YAML aliases can make a small text expand
    /// exponentially, and no honest front matter comes near this.
    static let nodeLimit = 10_000

    /// Parses the YAML text of a front matter block.
    static func parse(_ yaml: String) throws -> FrontMatter {
        // The encoding named, because Yams' default reads the whole process environment on every call,
        // which cost more than the parsing itself.
        guard let node = try Yams.compose(yaml: yaml, .default, .default, .utf8) else { return .empty }
        var budget = nodeLimit
        guard case .mapping(let entries) = try convert(node, budget: &budget, wordsAreText: true), let mapping = node.mapping else {
            throw FrontMatterError.notAMapping
        }
        // libyaml also counts a lone carriage return as a line break; editors and commons do not.
        let countsOtherBreaks = yaml.unicodeScalars.contains { ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
        func line(of mark: Mark) -> Int {
            countsOtherBreaks ? YAMLErrorText.lineOfFile(yamlLine: mark.line, column: mark.column, in: yaml).line : mark.line
        }
        var keyLines: [String: Int] = [:]
        for key in mapping.keys {
            if let name = key.string, let mark = key.mark, keyLines[name] == nil, !isMergeKey(key) { keyLines[name] = line(of: mark) }
        }
        // A merged key's line is that of the `<<` that brings it.
        if let merge = mapping.keys.first(where: { isMergeKey($0) })?.mark {
            for entry in entries where keyLines[entry.key] == nil { keyLines[entry.key] = line(of: merge) }
        }
        return FrontMatter(entries: entries, keyLines: keyLines)
    }

    /// Whether a key is YAML's merge key: a plain `<<`, which the resolver tags so.
    private static func isMergeKey(_ key: Node) -> Bool {
        key.tag.rawValue == Tag.Name.merge.rawValue
    }

    /// The entries of a mapping, with those YAML's merge key (`<<: *defaults`) brings in from other
    /// mappings where it is written, as YAML 1.1, Yams' own `load` and js-yaml read it: a key written
    /// in the mapping itself wins, then the first of the merged mappings that has it. Without this a
    /// `private: true` merged in would not be seen, and the note published.
    private static func entries(of mapping: Node.Mapping, budget: inout Int, wordsAreText: Bool) throws -> [FrontMatterValue.Entry] {
        let ownKeys = Set(mapping.keys.filter { !isMergeKey($0) }.map { $0.string ?? "" })
        var entries: [FrontMatterValue.Entry] = []
        var merged: Set<String> = []
        for (key, value) in mapping {
            guard isMergeKey(key) else {
                let name = key.string ?? ""
                let text = wordsAreText && !privacyKeys.contains(name)
                entries.append(FrontMatterValue.Entry(key: name, value: try convert(value, budget: &budget, wordsAreText: text)))
                continue
            }
            let sources: [Node.Mapping]
            switch value {
            case .mapping(let source): sources = [source]
            case .sequence(let sequence): sources = try sequence.map { node in
                guard let source = node.mapping else { throw FrontMatterError.badMerge }
                return source
            }
            default: throw FrontMatterError.badMerge
            }
            for source in sources {
                for entry in try Self.entries(of: source, budget: &budget, wordsAreText: wordsAreText) where !ownKeys.contains(entry.key) && !merged.contains(entry.key) {
                    merged.insert(entry.key)
                    entries.append(entry)
                }
            }
        }
        return entries
    }

    /// The keys whose value says whether a note is published, read as YAML 1.1 reads booleans.
    private static let privacyKeys: Set<String> = ["publish", "private", "draft"]

    /// `wordsAreText`: YAML 1.1's other words for booleans (`yes`, `no`, `on`, `off`) are text, as in
    /// the YAML 1.2 Obsidian reads (`aliases: [Yes]` is "Yes"), except under the privacy keys, where
    /// `publish: yes` has always meant yes and a value that is no boolean keeps the note unpublished.
    private static func convert(_ node: Node, budget: inout Int, wordsAreText: Bool) throws -> FrontMatterValue {
        budget -= 1
        guard budget >= 0 else { throw FrontMatterError.tooLarge }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return .null }
                // Yams' `Node.bool` ignores letter case, so it would read `private: fALSE` as false,
                // which YAML reads as a string: only YAML's own spellings are booleans.
                if let value = node.bool, Self.booleanSpellings.contains(scalar.string) {
                    let isWord = !["true", "false"].contains(scalar.string.lowercased())
                    return wordsAreText && isWord ? .string(scalar.string) : .bool(value)
                }
                // A colon makes YAML 1.1 read base 60 (`12:30` is 750), which Obsidian's YAML 1.2 does
                // not, and Yams' conversion of it traps on a long one: such a value stays text.
                guard !scalar.string.contains(":") else { return .string(scalar.string) }
                if let value = node.int { return .int(value) }
                if let value = node.float, value.isFinite { return .double(value) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(try sequence.map { try convert($0, budget: &budget, wordsAreText: wordsAreText) })
        case .mapping(let mapping):
            return .mapping(try entries(of: mapping, budget: &budget, wordsAreText: wordsAreText))
        case .alias:
            throw FrontMatterError.unresolvedAlias
        }
    }
}

enum FrontMatterError: Error, CustomStringConvertible {
    case notAMapping
    case tooLarge
    case unresolvedAlias
    case badMerge

    var description: String {
        switch self {
        case .notAMapping: "front matter is not a YAML mapping of keys to values"
        case .tooLarge: "front matter expands to more than \(FrontMatter.nodeLimit) values (a YAML alias bomb?)"
        case .unresolvedAlias: "front matter uses a YAML alias that does not resolve"
        case .badMerge: "front matter merges ('<<') something that is not a mapping or a list of mappings"
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? { isEmpty ? nil : self }
}
