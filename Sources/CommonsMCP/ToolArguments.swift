import MCP

/// A tool call the server answers with an error the agent can read and act on, rather than a failure
/// of the protocol.
struct ToolError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A tool call's arguments, read as its input schema declares them: an argument of the wrong type or
/// range, a missing one, or one the tool does not know is an error naming it.
struct ToolArguments {
    private let values: [String: Value]

    init(_ values: [String: Value]?, allowed: Set<String>) throws(ToolError) {
        self.values = values ?? [:]
        if let unknown = self.values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ToolError("unknown argument '\(unknown)'; this tool takes: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ name: String) throws(ToolError) -> String? {
        guard let value = present(name) else { return nil }
        guard let string = value.stringValue else { throw ToolError("'\(name)' must be a string") }
        guard !string.isEmpty else { throw ToolError("'\(name)' must not be empty") }
        return string
    }

    func requiredString(_ name: String) throws(ToolError) -> String {
        guard let string = try string(name) else { throw ToolError("'\(name)' is required") }
        return string
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(ToolError) -> Int? {
        guard let value = present(name) else { return nil }
        // JSON has one kind of number: 3.0 is the integer 3, 3.5 is not an integer.
        let integer: Int? = switch value {
        case .int(let int): int
        case .double(let double) where double.rounded() == double && abs(double) < 1e15: Int(double)
        default: nil
        }
        guard let integer else { throw ToolError("'\(name)' must be an integer") }
        guard range.contains(integer) else {
            throw ToolError("'\(name)' must be from \(range.lowerBound) to \(range.upperBound), not \(integer)")
        }
        return integer
    }

    /// Exactly one of `names`, for a tool that finds a note by one of several keys.
    func oneOf(_ names: [String]) throws(ToolError) -> (name: String, value: String) {
        var given: [(String, String)] = []
        for name in names {
            if let value = try string(name) { given.append((name, value)) }
        }
        guard given.count == 1 else {
            throw ToolError("give exactly one of \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return given[0]
    }

    /// A JSON null counts as leaving the argument out, as many clients send it for an unset option.
    private func present(_ name: String) -> Value? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }
}
