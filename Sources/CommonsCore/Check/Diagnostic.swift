/// A problem found in the content. It does not stop the build; it is reported like a compiler's diagnostic.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case warning
        case error
    }

    /// The file's path in the repository, as the author sees it.
    public let path: String
    public let line: Int?
    public let column: Int?
    public let message: String
    public let rule: Rule

    public var severity: Severity { rule.severity }

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, rule: Rule) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.rule = rule
    }

    /// `path:line:col: warning: message [rule]`, the shape editors and CI jump to.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule.rawValue)]"
    }

    /// `path:line:col`, as far as it is known.
    public var location: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return location
    }
}
