import Yams

/// Turns Yams errors into the one-line `line:column:` form the diagnostics use.
enum YAMLErrorText {
    /// `line:column:` of the problem, or "" when Yams did not say where.
    static func location(of error: YamlError, lineOffset: Int = 0) -> String {
        guard let mark = mark(of: error) else { return "" }
        return "\(mark.line + lineOffset):\(mark.column):"
    }

    static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark
        default:
            return nil
        }
    }

    static func message(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return "invalid YAML: \(text)"
        default:
            return "invalid YAML: \(error)"
        }
    }
}
