import CommonsGit
import Foundation

/// Writes the site over the previous one in place (see `SiteUpdate`), or into a staging folder beside
/// the output folder that is swapped in only when every file is written. Either way a failed build
/// leaves the previous site as it was, and only files commons wrote are replaced or deleted (see
/// `SiteManifest`).
struct OutputFolder {
    /// The folder's real path, symbolic links resolved (see `OutputFolder+Rules`).
    let url: URL

    init(realPath: String) {
        url = URL(fileURLWithPath: realPath, isDirectory: true)
    }

    var path: String { url.path }

    /// The folder that holds the output folder, made when missing: the lock and the staging folder live there.
    func makeParent() throws -> String {
        let parent = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw BuildError("cannot create the folder '\(parent.path)': \(FileErrorText.reason(error))")
        }
        return parent.path
    }

    func replace(with files: [OutputFile], reading attachment: @escaping @Sendable (String) throws -> [UInt8]?) throws {
        let parent = url.deletingLastPathComponent()
        removeLeftoversOfKilledBuilds(in: parent)
        let previous = LocalFile.kind(atPath: path) == .folder ? SiteManifest.read(in: path) : nil
        if let previous, let update = try SiteUpdate(root: path, for: files, previous: previous) {
            do {
                return try update.write(files, reading: attachment)
            } catch {
                if error is BuildError { throw error }
                throw BuildError("cannot write the site to '\(path)': \(FileErrorText.reason(error))")
            }
        }
        let staging = parent.appending(path: ".\(url.lastPathComponent).staging-\(getpid())", directoryHint: .isDirectory)
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            let written = try write(files, into: staging, reading: attachment)
            if let previous {
                try ForeignFiles(in: path, manifest: previous).keep(in: staging.path, besides: Set(written))
            }
            try SiteManifest(written).write(in: staging.path)
            try swapIn(staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if error is BuildError { throw error }
            throw BuildError("cannot write the site to '\(path)': \(FileErrorText.reason(error))")
        }
    }

    /// A build that was killed leaves its staging folder behind; the process id in its name tells
    /// whether its build is still running.
    private func removeLeftoversOfKilledBuilds(in parent: URL) {
        let prefixes = [".\(url.lastPathComponent).staging-", ".\(url.lastPathComponent).old-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let prefix = prefixes.first(where: name.hasPrefix), let pid = pid_t(name.dropFirst(prefix.count)) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appending(path: name))
            }
        }
    }

    /// Folders first, in one pass; then the files, on every core. A file the previous site already
    /// has, byte for byte, is linked to it rather than written again (see `StagedFile`). Returns the
    /// paths written: an attachment that cannot be published is not.
    private func write(_ files: [OutputFile], into folder: URL, reading attachment: @Sendable (String) throws -> [UInt8]?) throws -> [String] {
        let root = folder.path
        let previous = LocalFile.kind(atPath: path) == .folder ? path : nil
        var createdFolders: Set<Substring> = [""]
        for file in files {
            guard let slash = file.path.lastIndex(of: "/") else { continue }
            let parent = file.path[..<slash]
            if createdFolders.insert(parent).inserted {
                try FileManager.default.createDirectory(atPath: root + "/" + parent, withIntermediateDirectories: true)
            }
        }
        let written = try Lanes.map(files, lane: {}) { _, file -> Bool in
            let target = root + "/" + file.path
            let earlier = previous.map { $0 + "/" + file.path }
            switch file.contents {
            case .bytes(let bytes): try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .attachment(let path):
                guard let bytes = try attachment(path) else { return false }
                try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .stream(let produce): try StagedFile.write(to: target, produce)
            case .previousSite(let file): try StagedFile.keep(file, at: target)
            }
            return true
        }
        return zip(files, written).filter(\.1).map(\.0.path)
    }

    /// The size of a file of the written site, in bytes.
    func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.appending(path: path).path)[.size] as? Int) ?? nil
    }

    /// Moves the old site aside, the new one in, and the old one away. Between the two renames the
    /// output path is briefly missing, but never half-written. What the old folder still holds once
    /// its foreign files were linked into the new one is only what commons wrote.
    private func swapIn(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard LocalFile.kind(atPath: path) != nil else {
            try fileManager.moveItem(at: staging, to: url)
            return
        }
        let old = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).old-\(getpid())")
        try? fileManager.removeItem(at: old)
        try fileManager.moveItem(at: url, to: old)
        do {
            try fileManager.moveItem(at: staging, to: url)
        } catch {
            try? fileManager.moveItem(at: old, to: url)
            throw error
        }
        try? fileManager.removeItem(at: old)
    }
}
