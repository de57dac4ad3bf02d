import Foundation

/// What a build made, kept until the process exits when it ends with the build: freeing the notes,
/// pages and files of 10,000 notes object by object took half a second, which exiting does at once.
/// The same as a compiler's "disable free" mode; a process that builds again (`serve`, the tests)
/// never keeps anything here.
enum UntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        lock.withLock { kept.append(value) }
    }
}
