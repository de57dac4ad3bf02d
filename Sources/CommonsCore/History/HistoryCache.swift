import CommonsGit
import Foundation

/// The changes of every commit diffed by earlier builds, so that building a descendant commit diffs
/// only the commits that are new. It lives in the repository's git folder, where it is neither
/// published with the site nor committed, and it holds repository paths, private ones included.
///
/// A commit's diff against its first parent never changes, so an entry never goes stale. A file
/// that cannot be read, or was written by another version or for another content folder, is
/// ignored; a cache that cannot be written costs only speed on the next build.
struct HistoryCache {
    /// Bumped whenever what a diff records, or how, changes.
    static let format = "commons history cache 1"

    let url: URL
    let folder: String

    init(gitFolder: String, contentFolder: String) {
        url = URL(fileURLWithPath: gitFolder).appending(path: "commons/history.cache")
        folder = contentFolder
    }

    func load() -> [ObjectID: [FileChange]] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { return [:] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard lines.next().map(String.init) == header else { return [:] }
        var known: [ObjectID: [FileChange]] = [:]
        while let line = lines.next(), !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let commit = ObjectID(hex: String(fields[0])), let count = Int(fields[1]) else { return [:] }
            var changes: [FileChange] = []
            for _ in 0..<count {
                guard let line = lines.next(), let change = Self.change(line) else { return [:] }
                changes.append(change)
            }
            known[commit] = changes
        }
        return known
    }

    /// Writes the changes of `walk` over the file, keeping the entries of commits not walked this time
    /// (another branch's), and replacing the file whole so that a reader never sees half of it. A walk
    /// that diffed nothing new leaves the file as it is.
    func save(_ walk: [CommitChanges], keeping known: [ObjectID: [FileChange]]) {
        let new = walk.filter { !$0.parentsMissing && known[$0.commit.id] == nil }
        guard !new.isEmpty else { return }
        var all = known
        for entry in new { all[entry.commit.id] = entry.changes }
        var text = header + "\n"
        for commit in all.keys.sorted() {
            let changes = all[commit]!
            text += "\(commit.hex)\t\(changes.count)\n"
            for change in changes {
                text += [change.kind.rawValue, Self.escape(change.path), Self.escape(change.previousPath ?? ""),
                         change.blob?.hex ?? "", change.previousBlob?.hex ?? "", String(change.addedLines), String(change.removedLines)]
                    .joined(separator: "\t") + "\n"
            }
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appending(path: "history.cache.\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    private var header: String { Self.format + "\t" + Self.escape(folder) }

    private static func change(_ line: Substring) -> FileChange? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 7, let kind = FileChange.Kind(rawValue: fields[0]), let added = Int(fields[5]), let removed = Int(fields[6]) else {
            return nil
        }
        return FileChange(kind: kind, path: unescape(fields[1]), previousPath: fields[2].isEmpty ? nil : unescape(fields[2]),
                          addedLines: added, removedLines: removed, blob: ObjectID(hex: fields[3]), previousBlob: ObjectID(hex: fields[4]))
    }

    /// Git paths may hold tabs and line breaks, which separate the fields and records here.
    private static func escape(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    private static func unescape(_ field: String) -> String {
        field.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
