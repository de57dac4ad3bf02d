import Foundation

/// The names a folder of a site holds, read with `readdir`.
enum FolderListing {
    struct Entry {
        let name: String
        /// Nil when the listing does not tell: then ask the path.
        let kind: LocalFile.Kind?
        let inode: UInt64
    }

    /// The names in a folder, each with its kind and inode as the listing tells them. Read in one pass
    /// of `readdir`: a folder listed, then each of its names asked for its kind, cost a call per file
    /// of the previous site, every build.
    static func entries(in folder: String) throws -> [Entry] {
        guard let directory = opendir(folder) else {
            throw BuildError("cannot read the folder '\(folder)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            guard let name else {
                throw BuildError("the folder '\(folder)' holds a file whose name is not UTF-8, which commons did not write; move it away and build again")
            }
            guard name != ".", name != ".." else { continue }
            let kind: LocalFile.Kind? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): .folder
            case Int32(DT_REG): .file
            case Int32(DT_LNK): .symlink
            case Int32(DT_UNKNOWN): nil
            default: .other
            }
            entries.append(Entry(name: name, kind: kind, inode: UInt64(entry.pointee.d_ino)))
        }
        return entries
    }
}
