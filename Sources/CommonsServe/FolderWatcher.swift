#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Tells when files below a folder change, through Linux's inotify, so that `serve` rebuilds at once
/// instead of polling the tree. It owns the inotify descriptor and closes it when it stops.
///
/// Git's own folder is watched only for the files that say HEAD or a branch moved: the rest of it
/// changes on every `git status`, and would make `serve` rebuild for nothing.
final class FolderWatcher: @unchecked Sendable {
    /// The files of `.git/` whose change means a commit, a checkout or a fetch.
    static let gitFilesThatMatter: Set<String> = ["HEAD", "COMMIT_EDITMSG", "ORIG_HEAD", "FETCH_HEAD", "packed-refs"]

    private let root: URL
    private let skipFolder: (_ relativePath: String) -> Bool
    private let descriptor: Int32
    /// Watch descriptors and the folders they watch, relative to `root` ("" for it).
    private var folders: [Int32: String] = [:]
    /// The watches of `.git/` itself and of its `refs/` folders, where any change is a branch moving.
    private var gitFolder: Int32 = -1
    private var refFolders: Set<Int32> = []

    /// `skipFolder` leaves out folders that never hold what the build reads (git-ignored ones).
    init(root: String, skipFolder: @escaping (String) -> Bool) throws {
        self.root = URL(fileURLWithPath: root, isDirectory: true)
        self.skipFolder = skipFolder
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError("cannot watch files: \(String(cString: strerror(errno)))") }
        watchTree("")
        let git = self.root.appending(path: ".git")
        gitFolder = inotify_add_watch(descriptor, git.path, Self.mask)
        watchRefs(git.appending(path: "refs").path)
    }

    deinit {
        close(descriptor)
    }

    /// Calls `changed` after each burst of changes, waiting `settle` seconds for the burst to end (an
    /// editor's save is several events), until `isStopped` says so. Blocks the calling thread.
    func run(settle: Double = 0.05, isStopped: () -> Bool, changed: () -> Void) {
        while !isStopped() {
            guard wait(milliseconds: 200), drain() else { continue }
            while wait(milliseconds: Int32(settle * 1000)) { _ = drain() }
            if ignoreRulesChanged {
                // A folder git ignored may hold notes now.
                ignoreRulesChanged = false
                watchTree("")
            }
            if !isStopped() { changed() }
        }
    }

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

    private func wait(milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) > 0
    }

    /// Reads the pending events; true when one of them matters. New folders are watched as they come.
    private func drain() -> Bool {
        var matters = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return matters }
            var offset = 0
            while offset < count {
                let (watch, mask, name, size) = buffer.withUnsafeBytes { bytes in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = bytes[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                    return (event.wd, event.mask, String(decoding: nameBytes, as: UTF8.self), MemoryLayout<inotify_event>.size + Int(event.len))
                }
                offset += size
                if mask & UInt32(IN_Q_OVERFLOW) != 0 || refFolders.contains(watch) {
                    matters = true
                    continue
                }
                if watch == gitFolder {
                    if Self.gitFilesThatMatter.contains(name) { matters = true }
                    continue
                }
                guard let folder = folders[watch] else { continue }
                if name == ".gitignore" { ignoreRulesChanged = true }
                if name.hasPrefix(".") && name != ".gitignore" { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 {
                    if skipFolder(path) { continue }
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(path) }
                }
                matters = true
            }
        }
    }

    private var ignoreRulesChanged = false

    private func watchRefs(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
        guard watch >= 0 else { return }
        refFolders.insert(watch)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), isFolder.boolValue { watchRefs(path + "/" + name) }
        }
    }

    /// Watches `relativePath` and every folder below it, but hidden and skipped ones.
    private func watchTree(_ relativePath: String) {
        let url = relativePath.isEmpty ? root : root.appending(path: relativePath, directoryHint: .isDirectory)
        let watch = inotify_add_watch(descriptor, url.path, Self.mask | UInt32(IN_ONLYDIR))
        guard watch >= 0 else { return }
        folders[watch] = relativePath
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = relativePath.isEmpty ? name : relativePath + "/" + name
            var isFolder: ObjCBool = false
            let child = url.appending(path: name)
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue,
                  (try? child.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) != true, !skipFolder(path) else { continue }
            watchTree(path)
        }
    }
}

struct WatchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
