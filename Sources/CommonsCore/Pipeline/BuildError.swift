/// A failure that stops the build: which stage, which file, and the underlying library's message.
public struct BuildError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
