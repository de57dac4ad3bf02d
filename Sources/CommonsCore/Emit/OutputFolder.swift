import CRenameExchange
import CommonsGit
import Foundation

/// Writes the site into a staging folder beside the output folder, then swaps the two in one step. A
/// build that fails, or is killed at any moment, leaves exactly the previous site, and a reader sees
/// the old site or the new one whole, never a mix. Files the previous site already has, byte for
/// byte, are linked into the staging folder rather than written again, so they keep their inode and
/// modification time (rsync and file watchers see only what a build changed), and only files commons
/// wrote are replaced or deleted (see `SiteManifest`). The staging folder is the site before the
/// previous one, kept for the purpose (see `SpareSite`), so that a build changes only what differs.
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

    /// Returns what was written, in the order of `files`: an attachment that cannot be published is not.
    @discardableResult
    func replace(with files: [OutputFile], reading attachment: @escaping @Sendable (String) throws -> [UInt8]?) throws -> [WrittenFile] {
        let parent = url.deletingLastPathComponent()
        removeLeftoversOfKilledBuilds(in: parent)
        let live = LocalFile.kind(atPath: path) == .folder
        let previous = live ? SiteManifest.read(in: path) : nil
        let staging = parent.appending(path: Self.stagingPrefix(of: url) + "\(getpid())", directoryHint: .isDirectory)
        let spare = SpareSite(of: url)
        try? FileManager.default.removeItem(at: staging)
        // Only the new site's own files: foreign ones are linked in again after it is written, as
        // into a new staging folder, so that a foreign symbolic link is never written through and
        // a clash with one is found.
        let wanted = Set(files.map { ExactString($0.path) })
        // Both list every folder of the site: the foreign files are found on one core while the spare
        // is pruned on the other.
        let folder = path
        let (tookSpare, foundForeign) = Lanes.alongside({ Result { try previous.map { try ForeignFiles(in: folder, manifest: $0) } } }) {
            live && spare.take(as: staging.path, live: folder, wanted: wanted)
        }
        let foreign: ForeignFiles?
        do {
            foreign = try foundForeign.get()
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        let written: [WrittenFile]
        do {
            if !tookSpare {
                spare.remove()
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            }
            written = try write(files, into: staging, reading: attachment)
            let paths = written.map(\.path)
            try foreign?.keep(in: staging.path, besides: Set(paths.lazy.map(ExactString.init)))
            try SiteManifest(paths).write(in: staging.path)
            try swapIn(staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if error is BuildError { throw error }
            throw BuildError("cannot write the site to '\(path)': \(FileErrorText.reason(error))")
        }
        // After the swap the staging folder holds the previous site, the next build's spare; a build
        // killed before it is kept leaves it for the next build to remove, and the new site in place.
        if live {
            spare.keep(staging.path, live: path)
        } else {
            try? FileManager.default.removeItem(at: staging)
        }
        return written
    }

    /// The name of a build's staging folder beside `output`, before the process id.
    private static func stagingPrefix(of output: URL) -> String {
        ".\(output.lastPathComponent).staging-"
    }

    /// A build that was killed leaves its staging folder behind, with the new site or the old one;
    /// the process id in its name tells whether its build is still running.
    private func removeLeftoversOfKilledBuilds(in parent: URL) {
        let prefix = Self.stagingPrefix(of: url)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            // The id may be followed by `-old`, the previous site moved aside where paths cannot be exchanged.
            guard name.hasPrefix(prefix), let pid = pid_t(name.dropFirst(prefix.count).prefix(while: \.isNumber)) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appending(path: name))
            }
        }
    }

    /// Folders first, in one pass; then the files, on every core, each made (a page laid out) as it
    /// is written. A file the previous site already has, byte for byte, is linked to it rather than
    /// written again (see `StagedFile`).
    private func write(_ files: [OutputFile], into folder: URL, reading attachment: @Sendable (String) throws -> [UInt8]?) throws -> [WrittenFile] {
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
        let written = try Lanes.map(files, lane: {}) { _, file -> WrittenFile? in
            var file = file
            if case .later(let make) = file.contents { file = try make() }
            let target = root + "/" + file.path
            let earlier = previous.map { $0 + "/" + file.path }
            var kept = false
            switch file.contents {
            case .bytes(let bytes): try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .attachment(let path):
                guard let bytes = try attachment(path) else {
                    // The spare may hold the file from before, which the new site must not.
                    unlink(target)
                    return nil
                }
                try StagedFile.write(bytes, to: target, unlessAt: earlier)
            case .stream(let produce): try StagedFile.write(to: target, produce)
            case .previousSite(let file):
                try StagedFile.keep(file, at: target)
                kept = true
            case .later: preconditionFailure("a file made later is made of bytes or kept")
            }
            return WrittenFile(path: file.path, layoutDigest: file.layoutDigest, kept: kept)
        }
        return written.compactMap { $0 }
    }

    /// The size of a file of the written site, in bytes.
    func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.appending(path: path).path)[.size] as? Int) ?? nil
    }

    /// Exchanges the staging folder and the output folder in one step, so that the output path always
    /// holds a whole site; where the system cannot exchange paths, moves the old site aside first.
    private func swapIn(_ staging: URL) throws {
        guard LocalFile.kind(atPath: path) != nil else {
            guard rename(staging.path, path) == 0 else { throw Self.failure("move the new site into", path) }
            return
        }
        if commons_exchange_paths(staging.path, path) == 0 { return }
        guard errno == ENOSYS || errno == EINVAL else { throw Self.failure("swap the new site with", path) }
        let aside = staging.path + "-old"
        guard rename(path, aside) == 0 else { throw Self.failure("move aside", path) }
        guard rename(staging.path, path) == 0 else {
            let failure = Self.failure("move the new site into", path)
            rename(aside, path)
            throw failure
        }
        rename(aside, staging.path)
    }

    private static func failure(_ action: String, _ path: String) -> BuildError {
        BuildError("cannot \(action) '\(path)': \(String(cString: strerror(errno)))")
    }
}
