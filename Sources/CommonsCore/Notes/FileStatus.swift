import Foundation

/// What tells a file of the local disk from itself at another time without reading it, as git's index
/// does: its device, inode, size, and change and modification times. Rewriting, replacing, editing in
/// place and linking all move one of them.
struct FileStatus: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: timespec
    let changed: timespec

    init(_ status: stat) {
        (device, inode, size) = (UInt64(status.st_dev), UInt64(status.st_ino), Int64(status.st_size))
        (modified, changed) = (status.st_mtim, status.st_ctim)
    }

    /// The status as a cache file keeps it: device, inode, size, then each time's seconds and nanoseconds.
    var fields: [Int64] {
        [Int64(bitPattern: device), Int64(bitPattern: inode), size,
         Int64(modified.tv_sec), Int64(modified.tv_nsec), Int64(changed.tv_sec), Int64(changed.tv_nsec)]
    }

    /// The status `fields` gave; nil when they are not seven numbers.
    init?<Fields: Collection<Substring>>(fields: Fields) {
        let numbers = fields.compactMap { Int64($0) }
        guard fields.count == 7, numbers.count == 7 else { return nil }
        (device, inode, size) = (UInt64(bitPattern: numbers[0]), UInt64(bitPattern: numbers[1]), numbers[2])
        modified = timespec(tv_sec: Int(numbers[3]), tv_nsec: Int(numbers[4]))
        changed = timespec(tv_sec: Int(numbers[5]), tv_nsec: Int(numbers[6]))
    }

    static func == (lhs: FileStatus, rhs: FileStatus) -> Bool {
        (lhs.device, lhs.inode, lhs.size) == (rhs.device, rhs.inode, rhs.size)
            && (lhs.modified.tv_sec, lhs.modified.tv_nsec, lhs.changed.tv_sec, lhs.changed.tv_nsec)
            == (rhs.modified.tv_sec, rhs.modified.tv_nsec, rhs.changed.tv_sec, rhs.changed.tv_nsec)
    }
}
