import CommonsGit
import Foundation

/// The changes of every commit diffed by earlier builds, so that building a descendant commit diffs
/// only the commits that are new. It holds repository paths, private ones included, which is why it
/// is kept in the git folder unless the person building chooses another (see `CacheStore`).
///
/// A commit's diff against its first parent never changes, so an entry never goes stale; a diff that
/// lacked content is not kept. A file that was written by another version or for another content
/// folder is ignored.
struct HistoryCache {
    /// Bumped whenever what a diff records, or how, changes.
    static let format = "commons history cache 1"

    let file: CacheFile

    init(store: CacheStore, contentFolder: String) {
        file = store.file("history.cache", header: [Self.format, contentFolder])
    }

    func load() -> [ObjectID: [FileChange]] {
        guard let records = file.records() else { return [:] }
        var lines = records.makeIterator()
        var known: [ObjectID: [FileChange]] = [:]
        while let line = lines.next() {
            let fields = CacheFile.fields(of: line)
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
    /// (another branch's). A walk that diffed nothing new leaves the file as it is.
    func save(_ walk: [CommitChanges], keeping known: [ObjectID: [FileChange]]) {
        // A commit whose content the clone lacks is diffed again by the next build, which may have it.
        let new = walk.filter { !$0.parentsMissing && !$0.changes.contains(where: \.contentMissing) && known[$0.commit.id] == nil }
        guard !new.isEmpty else { return }
        var all = known
        for entry in new { all[entry.commit.id] = entry.changes }
        var text = ""
        for commit in all.keys.sorted() {
            let changes = all[commit]!
            text += "\(commit.hex)\t\(changes.count)\n"
            for change in changes {
                text += [change.kind.rawValue, CacheFile.escape(change.path), CacheFile.escape(change.previousPath ?? ""),
                         change.blob?.hex ?? "", change.previousBlob?.hex ?? "", String(change.addedLines), String(change.removedLines)]
                    .joined(separator: "\t") + "\n"
            }
        }
        file.write(text)
    }

    private static func change(_ line: Substring) -> FileChange? {
        let fields = CacheFile.fields(of: line)
        guard fields.count == 7, let kind = FileChange.Kind(rawValue: String(fields[0])), let added = Int(fields[5]), let removed = Int(fields[6]) else {
            return nil
        }
        return FileChange(kind: kind, path: CacheFile.unescape(fields[1]), previousPath: fields[2].isEmpty ? nil : CacheFile.unescape(fields[2]),
                          addedLines: added, removedLines: removed, blob: ObjectID(hex: String(fields[3])), previousBlob: ObjectID(hex: String(fields[4])))
    }
}
