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
            // A record is as long as its name, not the 256 bytes `d_name` declares: the name is read in
            // place, up to its terminating zero. Copying `d_name` out read past the last record of
            // glibc's buffer, and that crashed a run of the tests.
            let record = UnsafeRawPointer(entry)
            let name = String(validatingCString: (record + MemoryLayout<dirent>.offset(of: \.d_name)!).assumingMemoryBound(to: CChar.self))
            guard let name else {
                throw BuildError("the folder '\(folder)' holds a file whose name is not UTF-8, which commons did not write; move it away and build again")
            }
            guard name != ".", name != ".." else { continue }
            let kind: LocalFile.Kind? = switch Int32(record.load(fromByteOffset: MemoryLayout<dirent>.offset(of: \.d_type)!, as: UInt8.self)) {
            case Int32(DT_DIR): .folder
            case Int32(DT_REG): .file
            case Int32(DT_LNK): .symlink
            case Int32(DT_UNKNOWN): nil
            default: .other
            }
            entries.append(Entry(name: name, kind: kind, inode: UInt64(record.load(fromByteOffset: MemoryLayout<dirent>.offset(of: \.d_ino)!, as: ino_t.self))))
        }
        return entries
    }
}
