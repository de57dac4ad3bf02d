import Foundation

/// What an output folder holds that commons did not write: anything not on its `SiteManifest`, such
/// as a `CNAME` or a deploy script put there by hand. A build keeps each of these where it is, and
/// refuses to write a file of the site over one.
struct ForeignFiles: Sendable {
    enum Kind: Equatable, Sendable {
        case file
        case folder
        case symlink(target: String)
    }

    let root: String
    /// Paths relative to `root`, each folder before what it holds.
    let entries: [(path: String, kind: Kind)]

    init(in root: String, manifest: SiteManifest) throws {
        var entries: [(String, Kind)] = []
        try Self.walk(root, below: "", manifest: manifest, into: &entries)
        (self.root, self.entries) = (root, entries)
    }

    /// Makes each foreign file of the old folder part of the staged one: linked, so that none is
    /// copied or lost when the old folder is removed. The staging folder holds none of them (a spare
    /// site is pruned of them, see `SpareSite`): what is at one of their paths was written by this build.
    func keep(in staging: String, besides written: Set<ExactString>) throws {
        for (path, kind) in entries {
            let target = staging + "/" + path
            if written.contains(ExactString(path)) || LocalFile.kind(atPath: target) != nil && kind != .folder {
                throw Self.clash(root, path)
            }
            let done: Bool
            switch kind {
            case .folder:
                done = LocalFile.kind(atPath: target) == .folder || mkdir(target, 0o755) == 0
            case .file:
                done = link(root + "/" + path, target) == 0 || (try? StagedFile.keep(root + "/" + path, at: target)) != nil
            case .symlink(let destination):
                done = symlink(destination, target) == 0
            }
            guard done else {
                if errno == EEXIST || errno == ENOTDIR { throw Self.clash(root, path) }
                throw BuildError("cannot keep '\(root)/\(path)' in the new site: \(String(cString: strerror(errno)))")
            }
        }
    }

    static func clash(_ root: String, _ path: String) -> BuildError {
        BuildError("the output folder holds '\(root)/\(path)', which commons did not write and the new site would replace; move it away and build again")
    }

    /// Returns how many entries the folder holds.
    @discardableResult
    private static func walk(_ root: String, below folder: String, manifest: SiteManifest, into entries: inout [(String, Kind)]) throws -> Int {
        let listed = try FolderListing.entries(in: folder.isEmpty ? root : root + "/" + folder)
        for entry in listed.sorted(by: { $0.name.precedesInBytes($1.name) }) where !(folder.isEmpty && entry.name == SiteManifest.fileName) {
            let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
            switch entry.kind ?? LocalFile.kind(atPath: root + "/" + path) {
            case .folder:
                let before = entries.count
                let count = try walk(root, below: path, manifest: manifest, into: &entries)
                // A folder of the site is remade by the site; only one that holds foreign files is kept for them.
                let holdsForeign = entries.count > before
                if holdsForeign || count == 0 && !manifest.listsAnything(inside: path) {
                    entries.insert((path, .folder), at: before)
                }
            case .symlink where !manifest.lists(path):
                let destination = try FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path)
                entries.append((path, .symlink(target: destination)))
            case .file where !manifest.lists(path):
                entries.append((path, .file))
            case .other:
                throw BuildError("the output folder holds '\(root)/\(path)', which is neither a file nor a folder; move it away and build again")
            default:
                continue
            }
        }
        return listed.count
    }
}
