import Foundation

/// The files commons wrote into an output folder, listed in the folder itself. A later build replaces
/// and deletes only the files on this list: whatever else is in the folder (a `CNAME`, a deploy script,
/// someone's notes) was not written by commons and is never touched. A folder that holds files but no
/// list is not a site of commons, and no build writes into it.
struct SiteManifest: Equatable, Sendable {
    static let fileName = ".commons-files"
    private static let header = "commons site files 1"

    /// Paths relative to the output folder, by their bytes, as the file system tells files apart: a
    /// foreign file whose name is a listed one in the other Unicode normalisation is not commons'.
    let paths: Set<ExactString>

    init(_ paths: some Sequence<String>) {
        self.paths = Set(paths.lazy.map(ExactString.init))
    }

    /// Whether commons wrote the file at `path`.
    func lists(_ path: String) -> Bool {
        paths.contains(ExactString(path))
    }

    /// Whether commons wrote any file inside `folder`, its path compared by bytes as `lists` compares.
    func listsAnything(inside folder: String) -> Bool {
        let prefix = Array((folder + "/").utf8)
        return paths.contains { $0.value.utf8.starts(with: prefix) }
    }

    /// The list in `folder`; nil when it has none, or one commons cannot read, which makes the folder
    /// count as someone else's. A listed path that could leave the folder is dropped, so a list
    /// written by hand cannot make a build delete anything outside it.
    static func read(in folder: String) -> SiteManifest? {
        guard let bytes = try? LocalFile.bytes(atPath: folder + "/" + fileName), let text = String(validating: bytes, as: UTF8.self) else {
            return nil
        }
        var lines = CacheFile.lines(of: text)
        guard lines.first == Substring(header) else { return nil }
        lines.removeFirst()
        return SiteManifest(lines.map(CacheFile.unescape).filter(isInside))
    }

    /// Replaces the list in `folder` whole, so that a build killed while writing it leaves the old one.
    func write(in folder: String) throws {
        let sorted = paths.map(\.value).sorted { $0.precedesInBytes($1) }
        let text = ([Self.header] + sorted.map(CacheFile.escape)).joined(separator: "\n") + "\n"
        let target = folder + "/" + Self.fileName
        let temporary = target + ".\(getpid())"
        try StagedFile.write(to: temporary) { try $0(Array(text.utf8)) }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw BuildError("cannot write '\(target)': \(reason)")
        }
    }

    /// Whether no segment of `path` is empty, `.` or `..`; by byte, as a list of 80,000 paths is read
    /// at each build.
    static func isInside(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                let length = end - start
                if length == 0 || bytes[start] == UInt8(ascii: ".") && (length == 1 || length == 2 && bytes[start + 1] == UInt8(ascii: ".")) {
                    return false
                }
                start = end + 1
            }
            return true
        }
    }
}
