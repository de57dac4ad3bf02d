import Foundation

/// Reads a generated site back for assertions.
public enum SiteFiles {
    /// Every regular file below `folder`, by its relative path, with its bytes.
    public static func all(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(url.resolvingSymlinksInPath().path.dropFirst(root.count + 1))
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    public static func text(_ path: String, in folder: URL) throws -> String {
        String(decoding: try Data(contentsOf: folder.appending(path: path)), as: UTF8.self)
    }
}
