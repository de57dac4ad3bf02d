import Foundation

/// Where one build keeps what it leaves for the next: the history's diffs and the page memo. By
/// default the repository's git folder, `.git/commons/`, where nothing is published or committed;
/// `--cache-dir` or `cache_dir:` name another folder, such as one a CI system keeps between runs.
///
/// A cache only saves time. A folder that cannot be written costs the next build its speed, never
/// the build itself, and is reported once.
public final class CacheStore: @unchecked Sendable {
    // @unchecked: `failure` is written and read under `lock`; the rest is constant.
    let folder: URL
    private let lock = NSLock()
    private var failure: String?

    init(folder: URL) {
        self.folder = folder
    }

    /// The store a build of the repository with this git folder uses: `chosen` (from the command line
    /// or the settings), else `commons/` in the git folder.
    static func forBuild(gitFolder: String, chosen: String?) -> CacheStore {
        CacheStore(folder: chosen.map { URL(fileURLWithPath: $0, isDirectory: true) }
                   ?? URL(fileURLWithPath: gitFolder, isDirectory: true).appending(path: "commons", directoryHint: .isDirectory))
    }

    func file(_ name: String, header: [String]) -> CacheFile {
        CacheFile(url: folder.appending(path: name), header: header, store: self)
    }

    func noteFailure(_ reason: String) {
        lock.withLock { failure = failure ?? reason }
    }

    /// One warning when a cache could not be written this build.
    var diagnostics: [Diagnostic] {
        lock.withLock { failure }.map { reason in
            [Diagnostic(path: folder.path, message: "cannot write the build cache (\(reason)): builds work without it, only slower; "
                        + "choose a writable folder with --cache-dir or cache_dir:", rule: .cache)]
        } ?? []
    }
}
