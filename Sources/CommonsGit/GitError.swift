import CGit2

/// A libgit2 failure, carrying the library's own message and the operation that failed.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// libgit2's return code (`GIT_ENOTFOUND`, `GIT_EOWNER`, ...).
    public let code: Int32
    /// What commons was doing, e.g. "resolve revision 'v1.2'".
    public let operation: String
    /// libgit2's message, when it left one.
    public let message: String

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    public var description: String {
        if code == GIT_EOWNER.rawValue {
            return "\(operation): the repository is owned by another user; git refuses such repositories"
                + " unless they are listed with `git config --global --add safe.directory <path>` (\(message))"
        }
        return "\(operation): \(message)"
    }

    /// Builds the error from libgit2's per-thread last error, which may be absent.
    init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
        if let last = git_error_last(), let text = last.pointee.message {
            self.message = String(cString: text).trimmingCharacters(in: "\n")
        } else {
            self.message = "libgit2 error \(code)"
        }
    }
}

/// Turns a libgit2 return code into a thrown `GitError`; call it where the code is returned.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
    if code < 0 { throw GitError(code: code, operation: operation()) }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var result = Substring(self)
        while result.last == character { result = result.dropLast() }
        return String(result)
    }
}
