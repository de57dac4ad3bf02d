import Foundation

/// The files a build of the working tree read, for the next build of the same tree (`serve`) to read
/// again only those whose status changed, as git's index does for `git status`.
///
/// A file is known by its `FileStatus`. One modified within a second before it was read is not kept:
/// a write in the same tick of the file system's clock could leave all of it as it was. (A write after
/// that second moves the modification time.)
///
/// What git's ignore rules answered of each path is kept the same way: asking libgit2 looks at every
/// folder above the path, tens of thousands of `stat`s for a tree of ten thousand notes, most of a
/// rebuild's reading. An answer is taken again while the files the rules come from (the `.gitignore`
/// of the path's folder and every folder above it, and those of `Repository.ignoreRuleFiles`) have
/// the same status as when it was given.
final class WorkingTreeReads {
    /// Each file read, with its status then; the files gone since a build are forgotten when it ends.
    private var files = StampedValues<(status: FileStatus, bytes: [UInt8])>()
    /// The files read from the disk rather than taken from `files`, since `takeReadAfresh` last took them.
    private var readAfresh: Set<String> = []
    /// What the ignore rules answered of each path; the answers a build did not ask for are forgotten.
    private var answers = StampedValues<Bool>()
    /// The files the rules came from in the last build and in this one, by path, with their status
    /// (nil for a file that was missing). One changed within a second before it was read is left out,
    /// so that it counts as changed in the next build.
    private var ruleFiles: [String: FileStatus?] = [:], readingRules: [String: FileStatus?] = [:]

    /// Starts a build. What a failed one read and asked is kept: a file with the status it was read
    /// at, and an answer taken again only while the rule files have the status the last finished
    /// build saw, which no edit of them gives back (an edit moves a file's change time).
    func beginBuild() {
        files.beginBuild()
        answers.beginBuild()
        readingRules = [:]
    }

    /// Whether every rule file at `paths` has the status it had in the last build; each is looked at.
    func rulesUnchanged(_ paths: [String]) -> Bool {
        var unchanged = true
        for path in paths {
            let status = LocalFile.statusOfTarget(atPath: path).map(FileStatus.init)
            if let status, !Self.isSettled(status) {
                readingRules[path] = nil
                unchanged = false
                continue
            }
            readingRules[path] = .some(status)
            if ruleFiles[path] != .some(status) { unchanged = false }
        }
        return unchanged
    }

    /// How many times the rules were asked, for tests.
    private(set) var asked = 0

    /// What the ignore rules say of `path`: the last build's answer when `rulesUnchanged`, else `ask`'s.
    func isIgnored(_ path: String, rulesUnchanged: Bool, ask: () throws -> Bool) rethrows -> Bool {
        if rulesUnchanged, let answer = answers.use(path) { return answer }
        let answer = try asking(ask)
        answers.set(answer, at: path)
        return answer
    }

    /// The bytes of the regular file at `path`, whose status the caller just read, from the last build
    /// when that status has not changed since.
    func bytes(atPath path: String, status current: stat) throws -> [UInt8] {
        let status = FileStatus(current)
        if let known = files.use(path, if: { $0.status == status }) { return known.bytes }
        let bytes = try LocalFile.bytes(atPath: path)
        readAfresh.insert(path)
        files.set(Self.isSettled(status) ? (status, bytes) : nil, at: path)
        return bytes
    }

    /// The files read from the disk, each changed or new since it was last read, by their path as
    /// read; those of a build that failed are kept for the next one.
    func takeReadAfresh() -> Set<String> {
        defer { readAfresh = [] }
        return readAfresh
    }

    private func asking(_ ask: () throws -> Bool) rethrows -> Bool {
        asked += 1
        return try ask()
    }

    /// Whether the file was last changed over a second ago: a change in the same tick of the file
    /// system's clock as an earlier one could leave its status as it was.
    static func isSettled(_ status: FileStatus) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.tv_sec - status.modified.tv_sec > 1
    }

    /// Forgets the files the build just finished did not read, and the answers it did not ask for.
    func endBuild() {
        files.endBuild()
        answers.endBuild()
        ruleFiles = readingRules
    }
}
