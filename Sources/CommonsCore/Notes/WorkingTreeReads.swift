import Foundation

/// The files a build of the working tree read, for the next build of the same tree (`serve`) to read
/// again only those whose status changed, as git's index does for `git status`.
///
/// A file is known by its `FileStatus`. One modified within a second before it was read is not kept:
/// a write in the same tick of the file system's clock could leave all of it as it was. (A write after
/// that second moves the modification time.)
final class WorkingTreeReads {
    private var files: [String: (status: FileStatus, bytes: [UInt8])] = [:]
    /// Paths read in this build, so that files gone since are forgotten.
    private var seen: Set<String> = []

    /// The bytes of the regular file at `path`, whose status the caller just read, from the last build
    /// when that status has not changed since.
    func bytes(atPath path: String, status current: stat) throws -> [UInt8] {
        seen.insert(path)
        let status = FileStatus(current)
        if let known = files[path], known.status == status { return known.bytes }
        let bytes = try LocalFile.bytes(atPath: path)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        if now.tv_sec - status.modified.tv_sec > 1 {
            files[path] = (status, bytes)
        } else {
            files[path] = nil
        }
        return bytes
    }

    /// Forgets the files the build just finished did not read.
    func endBuild() {
        files = files.filter { seen.contains($0.key) }
        seen = []
    }
}
