import CommonsGit
import Foundation

/// Writes the site over the previous one in place (see `SiteUpdate`), or into a staging folder beside
/// the output folder that is swapped in only when every file is written. Either way a failed build
/// leaves the previous site as it was.
struct OutputFolder {
    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Refuses folders whose replacement would destroy something that is not a site: the repository
    /// itself, a folder above it, or an existing folder that holds files but no site built by commons.
    func checkSafeToReplace(repositoryRoot: String?) throws {
        let output = url.path.hasSuffix("/") ? url.path : url.path + "/"
        if let repositoryRoot {
            let root = URL(fileURLWithPath: repositoryRoot).standardizedFileURL.path
            if (root + "/").hasPrefix(output) {
                throw BuildError("the output folder '\(url.path)' holds the repository; choose a folder inside it, e.g. _site")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw BuildError("the output path '\(url.path)' is a file, not a folder")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        if !contents.isEmpty && !contents.contains(Self.siteMarker) {
            throw BuildError("the output folder '\(url.path)' is not empty and was not written by commons; remove it or choose another folder")
        }
    }

    /// A file every site has, which tells that a folder was written by commons and may be replaced.
    static let siteMarker = "404.html"

    func replace(with files: [OutputFile], reading attachment: @escaping @Sendable (String) throws -> [UInt8]?) throws {
        let fileManager = FileManager.default
        let parent = url.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw BuildError("cannot create the folder '\(parent.path)': \(FileErrorText.reason(error))")
        }
        removeLeftoversOfKilledBuilds(in: parent)
        if hasSite, let update = SiteUpdate(root: url.path, for: files) {
            do {
                return try update.write(files, reading: attachment)
            } catch {
                if error is BuildError { throw error }
                throw BuildError("cannot write the site to '\(url.path)': \(FileErrorText.reason(error))")
            }
        }
        let staging = parent.appending(path: ".\(url.lastPathComponent).staging-\(getpid())", directoryHint: .isDirectory)
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try write(files, into: staging, reading: attachment)
            try swapIn(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            if error is BuildError { throw error }
            throw BuildError("cannot write the site to '\(url.path)': \(FileErrorText.reason(error))")
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

    private var hasSite: Bool {
        LocalFile.kind(atPath: url.path) == .folder && LocalFile.kind(atPath: url.path + "/" + Self.siteMarker) == .file
    }

    /// Folders first, in one pass; then the files, on every core. A file the previous site already
    /// has, byte for byte, is linked to it rather than written again (see `StagedFile`).
    private func write(_ files: [OutputFile], into folder: URL, reading attachment: @Sendable (String) throws -> [UInt8]?) throws {
        let root = folder.path
        let previous = LocalFile.kind(atPath: url.path) == .folder ? url.path : nil
        var createdFolders: Set<Substring> = [""]
        for file in files {
            guard let slash = file.path.lastIndex(of: "/") else { continue }
            let parent = file.path[..<slash]
            if createdFolders.insert(parent).inserted {
                try FileManager.default.createDirectory(atPath: root + "/" + parent, withIntermediateDirectories: true)
            }
        }
        _ = try Lanes.map(files, lane: {}) { _, file in
            let target = root + "/" + file.path
            let earlier = previous.map { $0 + "/" + file.path }
            switch file.contents {
            case .bytes(let bytes): try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .attachment(let path):
                guard let bytes = try attachment(path) else { return }
                try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .stream(let produce): try StagedFile.write(to: target, produce)
            case .previousSite(let file): try StagedFile.keep(file, at: target)
            }
        }
    }

    /// The size of a file of the written site, in bytes.
    func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.appending(path: path).path)[.size] as? Int) ?? nil
    }

    /// Moves the old site aside, the new one in, and the old one away. Between the two renames the
    /// output path is briefly missing, but never half-written.
    private func swapIn(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: url.path) else {
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
