import CommonsCore
import Foundation
import Synchronization

/// What `serve` serves right now, shared by the requests and the rebuilds: the last site built, or why
/// there is none, and the browsers waiting to hear of the next build.
final class SiteState: Sendable {
    enum Phase: Sendable {
        case building
        case ready(LiveSite)
        /// The build failed; the message names the file and line where it can.
        case failed(String)
    }

    private struct Contents {
        var phase = Phase.building
        var version = 0
        /// Files made for this version, so that a request lays out its page once.
        var made: [String: ServedFile?] = [:]
        /// Each path's bytes when last served and since when they were so, for `Last-Modified`.
        var dated: [String: (digest: Int, date: Date)] = [:]
        var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextListener = 0
    }

    private let contents = Mutex(Contents())

    var phase: Phase { contents.withLock { $0.phase } }

    /// Forgets the files made so far, so that the next request reads them again (an attachment may have
    /// changed where the build saw nothing new), without telling pages to reload.
    func refresh() {
        contents.withLock { $0.made = [:] }
    }

    /// Replaces what is served, and tells every open page to reload.
    func publish(_ phase: Phase) {
        contents.withLock { contents in
            contents.phase = phase
            contents.version += 1
            contents.made = [:]
            for listener in contents.listeners.values { listener.yield(contents.version) }
        }
    }

    /// At most this many pages listen at once: a browser opens at most six connections to one server, so
    /// this is many people's tabs. Each listener holds a connection, a descriptor and a task.
    static let maximumListeners = 100

    /// The versions published from now on, one for each build, until the caller stops listening; nil
    /// when `maximumListeners` listen already.
    func listen() -> AsyncStream<Int>? {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let id: Int? = contents.withLock { contents in
            guard contents.listeners.count < Self.maximumListeners else { return nil }
            defer { contents.nextListener += 1 }
            contents.listeners[contents.nextListener] = continuation
            return contents.nextListener
        }
        guard let id else { return nil }
        continuation.onTermination = { [weak self] _ in
            _ = self?.contents.withLock { $0.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    /// The file at `path` of the site (no leading `/`); a folder when `path` names one that has an
    /// `index.html`. Nil when there is nothing there, or no site yet.
    func served(_ path: String) throws -> ServedFile? {
        if path.isEmpty || path.hasSuffix("/") {
            return try file(path + "index.html").map { ServedFile(bytes: [], modificationDate: $0.modificationDate, isFolder: true) }
        }
        if let file = try file(path) { return file }
        return try file(path + "/index.html").map { ServedFile(bytes: [], modificationDate: $0.modificationDate, isFolder: true) }
    }

    /// The site's 404 page, for any path it does not have.
    func notFoundPage() throws -> ServedFile? {
        try file(LiveSite.notFoundPath)
    }

    private func file(_ path: String) throws -> ServedFile? {
        let (phase, version, made) = contents.withLock { ($0.phase, $0.version, $0.made[path]) }
        if let made { return made }
        guard case .ready(let site) = phase else { return nil }
        // Laid out outside the lock: other requests need not wait for this page.
        let bytes = try site.bytes(at: path).map { path.hasSuffix(".html") ? ReloadScript.inject(into: $0, site: site) : $0 }
        return contents.withLock { contents in
            let file = bytes.map { bytes in
                let digest = bytes.hashValue
                if let dated = contents.dated[path], dated.digest == digest {
                    return ServedFile(bytes: bytes, modificationDate: dated.date, isFolder: false)
                }
                let now = Date()
                contents.dated[path] = (digest, now)
                return ServedFile(bytes: bytes, modificationDate: now, isFolder: false)
            }
            if contents.version == version { contents.made[path] = .some(file) }
            return file
        }
    }
}
