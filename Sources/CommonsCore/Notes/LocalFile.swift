import Foundation

/// Files of the local disk read with plain system calls: Foundation's `URL.resourceValues` and
/// `Data(contentsOf:)` cost several times more, which a `serve` rebuild paid for every file of the tree.
enum LocalFile {
    enum Kind {
        case file
        case folder
        case symlink
        case other

        init(_ status: stat) {
            switch status.st_mode & S_IFMT {
            case S_IFREG: self = .file
            case S_IFDIR: self = .folder
            case S_IFLNK: self = .symlink
            default: self = .other
            }
        }
    }

    /// The status of what is at `path`, not following a symbolic link; nil when nothing is.
    static func status(atPath path: String) -> stat? {
        var status = stat()
        return lstat(path, &status) == 0 ? status : nil
    }

    /// The status of the file `path` leads to, following symbolic links, as git does when it reads a
    /// configuration or rule file (a `~/.gitconfig` is often a link into a folder of dotfiles); nil
    /// when nothing is there.
    static func statusOfTarget(atPath path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    /// What is at `path`, not following a symbolic link; nil when nothing is.
    static func kind(atPath path: String) -> Kind? {
        status(atPath: path).map(Kind.init)
    }

    /// The names in the folder at `path` (which ends in `/`) and what each is, in no order; nil when it
    /// cannot be read. The kind comes from the folder itself where the file system says it, so that a
    /// walk of ten thousand files does not look up each one again. A name that is not UTF-8 is left
    /// out: no path of the commons can name it.
    static func entries(ofFolder path: String) -> [(name: String, kind: Kind?)]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var entries: [(name: String, kind: Kind?)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(validatingCString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name, name != ".", name != ".." else { continue }
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = Self.kind(atPath: path + name)
            default: kind = .other
            }
            entries.append((name, kind))
        }
        return entries
    }

    /// The bytes of the file at `path`.
    static func bytes(atPath path: String) throws -> [UInt8] {
        let failure = { BuildError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure() }
        // One byte more than the size, so that the end is seen in one read when the file did not grow.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var total = 0
        while true {
            if total == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, $0.count - total) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure() }
            if count == 0 { break }
            total += count
        }
        bytes.removeLast(bytes.count - total)
        return bytes
    }
}
