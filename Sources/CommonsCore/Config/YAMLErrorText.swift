import Yams

/// Turns Yams errors into the `line:column:` form and the message the diagnostics use.
enum YAMLErrorText {
    /// `line:column:` of the problem in `yaml`, or "" when Yams did not say where.
    static func location(of error: YamlError, in yaml: String) -> String {
        guard let position = position(of: error, in: yaml) else { return "" }
        return "\(position.line):\(position.column):"
    }

    /// Where in `yaml` the problem is, lines counted as commons and editors count them (1-based).
    static func position(of error: YamlError, in yaml: String) -> (line: Int, column: Int)? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return lineOfFile(yamlLine: mark.line, column: mark.column, in: yaml)
        case .duplicatedKeysInMapping(let duplicates, _):
            // Yams names the line of one of the keys, picked in a dictionary's order, which changes
            // from run to run: the line of the key's second appearance is found here instead.
            return duplicates.sorted().first.flatMap { secondLine(ofKey: $0, in: yaml) }.map { ($0, 1) }
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
        case .duplicatedKeysInMapping(let duplicates, _):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return "invalid YAML: \(duplicates.count == 1 ? "a key is" : "keys are") written more than once in one mapping: \(keys)"
        default:
            return "invalid YAML: \(error)"
        }
    }

    /// The line of `yaml` that libyaml's line `yamlLine` starts on. libyaml also ends a line at a lone
    /// carriage return, NEL, LS and PS, which editors and commons do not, so its numbers can run past
    /// the file's end.
    static func lineOfFile(yamlLine: Int, column: Int, in yaml: String) -> (line: Int, column: Int) {
        var libyamlLine = 1, line = 1, lineStart = 0, offset = 0
        var scalars = yaml.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while libyamlLine < yamlLine, let scalar = pending {
            pending = scalars.next()
            offset += 1
            switch scalar {
            case "\n":
                libyamlLine += 1
                line += 1
                lineStart = offset
            case "\r":
                guard pending != "\n" else { continue }
                libyamlLine += 1
            case "\u{85}", "\u{2028}", "\u{2029}":
                libyamlLine += 1
            default:
                break
            }
        }
        // libyaml names the line after the text's last for an error at its end.
        if libyamlLine < yamlLine { return (line + yamlLine - libyamlLine, column) }
        return (line, max(1, offset - lineStart + column))
    }

    /// The line a mapping key `key` is written on for the second time in `yaml`: a line that, after
    /// its indentation and any `- `, starts with the key, bare or quoted, and a colon.
    static func secondLine(ofKey key: String, in yaml: String) -> Int? {
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        var seen = 0
        for (index, line) in yaml.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
            let named = spellings.contains { spelling in
                rest.hasPrefix(spelling) && rest.dropFirst(spelling.count).drop { $0 == " " }.first == ":"
            }
            if named {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }
}
