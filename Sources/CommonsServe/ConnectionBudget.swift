#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import Synchronization

/// How many connections `serve` keeps open at once: fewer than the descriptors it may open, so that it
/// can always accept one more. Past the budget, the connection idle the longest is closed, as a web
/// server closes a kept-alive connection (a browser opens another when it needs one). Without a budget,
/// connections held open took every descriptor, and a server that cannot accept answers no one.
///
/// A connection is idle from when it opens, and again from when its last answer is written, until a
/// request comes; one answering a request, a live-reload stream among them, is never closed for another.
final class ConnectionBudget: Sendable {
    private struct Connection {
        let channel: any Channel
        /// Set while idle: the order in which it became so.
        var idleMark: Int?
    }

    private struct Connections {
        var open: [Int: Connection] = [:]
        /// Connections in the order they became idle, each with the mark it had then. An entry whose
        /// connection has since been busy, or closed, no longer matches its mark and is passed over.
        var idleOrder: [(id: Int, mark: Int)] = []
        var idleStart = 0
        var nextID = 0
        var nextMark = 0

        mutating func becameIdle(_ id: Int) {
            guard open[id] != nil else { return }
            nextMark += 1
            open[id]?.idleMark = nextMark
            idleOrder.append((id, nextMark))
            // Entries passed over are dropped once they outnumber the connections twice: each connection
            // has at most one that matches, so this costs a constant time per entry.
            if idleOrder.count > 64 + 2 * open.count {
                idleOrder = idleOrder[idleStart...].filter { open[$0.id]?.idleMark == $0.mark }
                idleStart = 0
            }
        }

        mutating func oldestIdle() -> Int? {
            while idleStart < idleOrder.count {
                let (id, mark) = idleOrder[idleStart]
                idleStart += 1
                if open[id]?.idleMark == mark { return id }
            }
            return nil
        }
    }

    let limit: Int
    private let connections = Mutex(Connections())

    init(limit: Int) {
        self.limit = limit
    }

    /// A budget for this process's limit on open descriptors, less those kept for the rest of `serve`:
    /// the build's git packs and files, the folder watcher, the event loops.
    static func withinDescriptorLimit() -> ConnectionBudget {
        var limits = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limits) == 0 else { return ConnectionBudget(limit: 1_000) }
        let descriptors = Int(min(limits.rlim_cur, 1 << 20))
        return ConnectionBudget(limit: max(1, descriptors - min(128, descriptors / 2)))
    }

    /// Counts a connection just accepted, idle until it sends a request. Returns its number, and the
    /// connection to close to stay within the budget: the one idle the longest, which may be this one.
    func opened(_ channel: any Channel) -> (id: Int, evicted: (any Channel)?) {
        connections.withLock { connections in
            let id = connections.nextID
            connections.nextID += 1
            connections.open[id] = Connection(channel: channel)
            connections.becameIdle(id)
            guard connections.open.count > limit, let oldest = connections.oldestIdle() else { return (id, nil) }
            // Forgotten now, not when it has closed, so that a burst of connections evicts one each.
            return (id, connections.open.removeValue(forKey: oldest)?.channel)
        }
    }

    /// The connection started answering a request.
    func busy(_ id: Int) {
        connections.withLock { $0.open[id]?.idleMark = nil }
    }

    /// The connection answered all its requests, and waits for another.
    func idle(_ id: Int) {
        connections.withLock { $0.becameIdle(id) }
    }

    func closed(_ id: Int) {
        _ = connections.withLock { $0.open.removeValue(forKey: id) }
    }
}
