import CommonsGit
import Foundation

/// Writes a site over the previous one in the same folder, touching only the files whose bytes
/// changed. Each is first written beside the file it replaces; only once every one is written are
/// they renamed into place and the files the new site no longer has removed. So a failed build leaves
/// the previous site as it was, as a staging folder does, without making every folder and file of the
/// site again: on a large site, creating its folders was most of the time spent writing.
///
/// An unchanged file keeps its inode and modification time, so a deploy that compares times (rsync)
/// or a file watcher sees only what a build changed.
struct SiteUpdate {
    /// The previous site's folder.
    let root: String
    private let files: Set<String>
    private let folders: Set<String>
    /// The files the previous build wrote: the only ones this one may replace or delete.
    private let previous: SiteManifest

    /// nil when the previous site cannot be updated in place: it has something other than files and
    /// folders, or a path that one site has as a file and the other as a folder. Throws when a file of
    /// the new site would replace one that commons did not write.
    init?(root: String, for newFiles: [OutputFile], previous: SiteManifest) throws {
        var files: Set<String> = []
        var folders: Set<String> = []
        guard Self.walk(root, below: "", files: &files, folders: &folders) else { return nil }
        for file in newFiles {
            if folders.contains(file.path) { return nil }
            for folder in Self.folders(above: file.path) where files.contains(folder) { return nil }
            if files.contains(file.path) && !previous.paths.contains(file.path) { throw ForeignFiles.clash(root, file.path) }
        }
        (self.root, self.files, self.folders, self.previous) = (root, files, folders, previous)
    }

    private enum Outcome {
        case unchanged
        case staged(String)
        /// Not part of the new site after all (an attachment that cannot be published).
        case absent
    }

    func write(_ newFiles: [OutputFile], reading attachment: @Sendable (String) throws -> [UInt8]?) throws {
        var created: [String] = []
        var needed: Set<String> = []
        for file in newFiles {
            for folder in Self.folders(above: file.path).reversed() where needed.insert(folder).inserted && !folders.contains(folder) {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: false)
                created.append(folder)
            }
        }
        let suffix = Self.stagingMark + "\(getpid())"
        let outcomes: [Outcome]
        do {
            outcomes = try Lanes.map(newFiles, lane: {}) { _, file in try stage(file, suffix: suffix, reading: attachment) }
        } catch {
            for file in newFiles { unlink(root + "/" + file.path + suffix) }
            for folder in created.reversed() { rmdir(root + "/" + folder) }
            throw error
        }

        // Until the old files are gone the folder may hold both sites' files, so the list names both:
        // a build killed in between leaves none that the next build would take for someone else's.
        var written: [String] = []
        for (file, outcome) in zip(newFiles, outcomes) {
            if case .absent = outcome { continue }
            written.append(file.path)
        }
        try SiteManifest(previous.paths.union(written)).write(in: root)
        for (file, outcome) in zip(newFiles, outcomes) {
            guard case .staged(let staged) = outcome else { continue }
            guard rename(staged, root + "/" + file.path) == 0 else {
                throw BuildError("cannot write '\(root)/\(file.path)': \(String(cString: strerror(errno)))")
            }
        }
        let kept = Set(written)
        for old in files where !kept.contains(old) && (previous.paths.contains(old) || Self.isLeftOverByKilledBuild(old)) {
            unlink(root + "/" + old)
        }
        // The deepest first, so that each is empty when its turn comes; a folder that still holds
        // someone else's files stays.
        for folder in folders.subtracting(needed).sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(root + "/" + folder) }
        try SiteManifest(written).write(in: root)
    }

    /// A file staged by a build that was killed before renaming it into place: its name ends in the
    /// staging suffix with the id of a process that no longer runs.
    private static func isLeftOverByKilledBuild(_ path: String) -> Bool {
        guard let range = path.range(of: stagingMark, options: .backwards), let pid = pid_t(path[range.upperBound...]) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static let stagingMark = ".commons-staged-"

    private func stage(_ file: OutputFile, suffix: String, reading attachment: (String) throws -> [UInt8]?) throws -> Outcome {
        let target = root + "/" + file.path
        let bytes: [UInt8]
        switch file.contents {
        case .previousSite(let kept) where kept == target: return .unchanged
        case .previousSite(let kept): bytes = try LocalFile.bytes(atPath: kept)
        case .bytes(let given): bytes = given
        case .attachment(let path):
            guard let read = try attachment(path) else { return .absent }
            bytes = read
        case .stream(let produce):
            try StagedFile.write(to: target + suffix, produce)
            return .staged(target + suffix)
        }
        if files.contains(file.path) && StagedFile.holds(bytes, atPath: target) { return .unchanged }
        try StagedFile.write(to: target + suffix) { try $0(bytes) }
        return .staged(target + suffix)
    }

    /// The folders that hold `path`, the nearest first.
    private static func folders(above path: String) -> [String] {
        var folders: [String] = []
        var parent = Substring(path)
        while let slash = parent.lastIndex(of: "/") {
            parent = parent[..<slash]
            folders.append(String(parent))
        }
        return folders
    }

    /// Lists the files and folders below `folder`; false when something there is neither.
    private static func walk(_ root: String, below folder: String, files: inout Set<String>, folders: inout Set<String>) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? root : root + "/" + folder) else { return false }
        for name in names {
            let path = folder.isEmpty ? name : folder + "/" + name
            switch LocalFile.kind(atPath: root + "/" + path) {
            case .file: files.insert(path)
            case .folder:
                folders.insert(path)
                guard walk(root, below: path, files: &files, folders: &folders) else { return false }
            default: return false
            }
        }
        return true
    }
}
