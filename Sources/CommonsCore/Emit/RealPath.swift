import Foundation

/// Paths with every symbolic link resolved, for comparing the output folder with the folders it must
/// never be, hold or lie in: a path spelled through a symlinked parent names the same folder as its
/// real path, and only real paths tell so.
enum RealPath {
    /// The real path of `path` (relative to the current folder unless absolute), also when its last
    /// parts do not exist yet: each part that exists is resolved, the others are taken as written.
    /// Throws when a part exists but cannot be resolved, such as a broken symbolic link, which a
    /// build would otherwise follow to wherever it points once the target appears.
    static func of(_ path: String) throws -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // Resolved a part at a time: the current path is always real, so `..` is its real parent.
        var current = "/"
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": current = parent(of: current)
            default:
                let next = current == "/" ? "/" + part : current + "/" + part
                guard LocalFile.kind(atPath: next) != nil else {
                    current = next
                    continue
                }
                guard let resolved = realpath(next, nil) else {
                    throw BuildError("cannot resolve '\(next)': \(String(cString: strerror(errno)))")
                }
                current = String(cString: resolved)
                free(resolved)
            }
        }
        return current
    }

    /// Whether `inner` is `outer` or lies inside it; both real paths.
    static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
