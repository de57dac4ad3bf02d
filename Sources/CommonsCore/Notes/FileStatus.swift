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

    init(device: UInt64, inode: UInt64, size: Int64, modified: timespec, changed: timespec) {
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
    }

    static func == (lhs: FileStatus, rhs: FileStatus) -> Bool {
        (lhs.device, lhs.inode, lhs.size) == (rhs.device, rhs.inode, rhs.size)
            && (lhs.modified.tv_sec, lhs.modified.tv_nsec, lhs.changed.tv_sec, lhs.changed.tv_nsec)
            == (rhs.modified.tv_sec, rhs.modified.tv_nsec, rhs.changed.tv_sec, rhs.changed.tv_nsec)
    }
}
