import Foundation
import Yams

/// The YAML block at the top of a note, between two `---` lines.
public struct FrontMatter: Hashable, Sendable {
    /// Every key, in the author's order; unknown keys are kept for the bundle.
    public let entries: [FrontMatterValue.Entry]

    public static let empty = FrontMatter(entries: [])

    public subscript(key: String) -> FrontMatterValue? {
        entries.first { $0.key == key }?.value
    }

    public var title: String? { self["title"]?.text?.trimmed.nonEmpty }
    public var description: String? { self["description"]?.text?.trimmed.nonEmpty }
    public var tags: [String] { self["tags"]?.strings ?? [] }
    public var aliases: [String] { self["aliases"]?.strings ?? [] }
    public var date: String? { self["date"]?.text }
    public var publish: Bool? { self["publish"]?.bool }
    public var isPrivate: Bool { self["private"]?.bool == true }
    public var isDraft: Bool { self["draft"]?.bool == true }

    /// The most nodes one front matter may expand to: YAML aliases can make a small text expand
    /// exponentially, and no honest front matter comes near this.
    static let nodeLimit = 10_000

    /// Parses the YAML text of a front matter block.
    static func parse(_ yaml: String) throws -> FrontMatter {
        guard let node = try Yams.compose(yaml: yaml) else { return .empty }
        var budget = nodeLimit
        guard case .mapping(let entries) = try convert(node, budget: &budget) else {
            throw FrontMatterError.notAMapping
        }
        return FrontMatter(entries: entries)
    }

    private static func convert(_ node: Node, budget: inout Int) throws -> FrontMatterValue {
        budget -= 1
        guard budget >= 0 else { throw FrontMatterError.tooLarge }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return .null }
                if let value = node.bool { return .bool(value) }
                if let value = node.int { return .int(value) }
                if let value = node.float, value.isFinite { return .double(value) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(try sequence.map { try convert($0, budget: &budget) })
        case .mapping(let mapping):
            return .mapping(try mapping.map { key, value in
                FrontMatterValue.Entry(key: key.string ?? "", value: try convert(value, budget: &budget))
            })
        case .alias:
            throw FrontMatterError.unresolvedAlias
        }
    }
}

enum FrontMatterError: Error, CustomStringConvertible {
    case notAMapping
    case tooLarge
    case unresolvedAlias

    var description: String {
        switch self {
        case .notAMapping: "front matter is not a YAML mapping of keys to values"
        case .tooLarge: "front matter expands to more than \(FrontMatter.nodeLimit) values (a YAML alias bomb?)"
        case .unresolvedAlias: "front matter uses a YAML alias that does not resolve"
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? { isEmpty ? nil : self }
}
