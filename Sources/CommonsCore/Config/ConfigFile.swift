import Foundation
import Yams

/// `commons.yml` at the repository root, as written by the author.
struct ConfigFile: Decodable, Sendable {
    static let name = "commons.yml"

    var title: String?
    var baseURL: String?
    var repoURL: String?
    var content: String?
    var output: String?
    var cacheDir: String?
    var exclude: [String]?
    var template: String?
    var `default`: Settings.Visibility?
    var drafts: Bool?
    var unsafeHTML: Bool?
    var strictLineBreaks: Bool?
    var home: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title
        case baseURL = "base_url"
        case repoURL = "repo_url"
        case content, output, exclude, template, `default`, drafts
        case cacheDir = "cache_dir"
        case unsafeHTML = "unsafe_html"
        case strictLineBreaks = "strict_line_breaks"
        case home
    }

    /// Parses the file; a key commons does not know is reported, not fatal, so old tools read new files.
    static func parse(_ text: String) throws(BuildError) -> (ConfigFile, unknownKeys: [String]) {
        do {
            // Composing first reports YAML syntax errors with their position; decoding would hide it.
            guard let node = try Yams.compose(yaml: text) else { return (ConfigFile(), []) }
            guard let mapping = node.mapping else { throw BuildError("\(name): error: the file is not a YAML mapping of settings") }
            let file = try YAMLDecoder().decode(ConfigFile.self, from: node)
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            let keys = mapping.keys.compactMap(\.string)
            try checkPrivacySettings(mapping, keys: Array(keys))
            return (file, keys.filter { !known.contains($0) }.sorted())
        } catch let error as BuildError {
            throw error
        } catch let error as DecodingError {
            throw BuildError("\(name): error: \(Self.describe(error))")
        } catch let error as YamlError {
            throw BuildError("\(name):\(YAMLErrorText.location(of: error, in: text)) error: \(YAMLErrorText.message(of: error))")
        } catch {
            throw BuildError("\(name): error: \(error)")
        }
    }

    /// The settings that keep notes private fail closed: one that is empty or misspelt would
    /// otherwise be read as absent, and everything published.
    private static let privacyKeys: Set<String> = [CodingKeys.default.rawValue, CodingKeys.exclude.rawValue]

    private static func checkPrivacySettings(_ mapping: Node.Mapping, keys: [String]) throws(BuildError) {
        for key in keys where !privacyKeys.contains(key) {
            if let meant = privacyKeys.first(where: { $0 == key.lowercased() }) {
                throw BuildError("\(name): error: '\(key)' is not a setting; write '\(meant)' (settings are lower case): a privacy setting that is not read would publish what it keeps private")
            }
        }
        if let value = mapping[Node(CodingKeys.default.rawValue)], value.null != nil {
            throw BuildError("\(name): error: 'default' is empty; write 'default: public' or 'default: private'")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' should be \(describe(type))"
        case .dataCorrupted(let context):
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            return key.isEmpty ? "the file is not a YAML mapping" : "'\(key)' has an invalid value: \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "'\(key.stringValue)' is missing"
        @unknown default:
            return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        default: "a \(type)"
        }
    }
}
