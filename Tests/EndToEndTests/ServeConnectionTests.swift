// Linux only: what the server holds is read from /proc.
#if os(Linux)
import Foundation
import Glibc
import Testing
import TestSupport

/// `commons serve` under many connections: a page that goes away frees its live-reload stream, an idle
/// connection is closed, and a page is answered however many connections are held open.
@Suite struct ServeConnectionTests {
    static let eventsRequest = "GET /.commons/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"

    /// 10,000 pages open the live-reload stream and go away. Bounds: afterwards the server holds at most
    /// 10 sockets more than before, and under 120 MB; a fresh one holds about 55 MB, and one that kept
    /// these streams held 10,000 sockets in CLOSE_WAIT and 420 MB.
    @Test func closedEventStreamsAreFreed() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let server = try LaunchedServe(fixture)
        let sockets = try server.sockets()

        // One at a time: a server that kept closed streams would refuse the 101st, past its cap.
        for index in 0..<10_000 {
            let stream = try LoopbackSocket(port: server.port)
            try stream.send(Self.eventsRequest, by: .now + 10)
            guard stream.receive(until: "waiting for builds", by: .now + 10) != nil else {
                Issue.record("stream \(index) did not start; the server holds \(try server.sockets()) sockets")
                return
            }
        }

        // The streams were closed before this; the server has a moment to notice.
        let deadline = Date.now + 10
        var held = try server.sockets()
        while held > sockets + 10, Date.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            held = try server.sockets()
        }
        #expect(held <= sockets + 10, "sockets held: \(held), \(sockets) before")
        let closeWait = try server.closeWait()
        #expect(closeWait <= 10, "connections the pages closed and the server did not: \(closeWait)")
        let megabytes = try server.residentMegabytes()
        #expect(megabytes < 120, "resident memory after 10,000 streams: \(megabytes) MB")
        #expect(try RawHTTP.request("GET", "/", port: server.port).status == 200)
    }

    /// With more idle connections than the server has descriptors, and more pages listening than it lets
    /// listen, a page is still answered within 2 seconds, and the listeners beyond the cap are refused.
    @Test func aPageIsAnsweredWhateverIsHeldOpen() throws {
        let fixture = try FixtureRepository.linkedNotes()
        // 1,024 descriptors for the server, 2,000 idle connections: without a budget, accepting stops.
        let server = try LaunchedServe(fixture, descriptors: 1_024)
        let idle = try (0..<2_000).map { _ in try LoopbackSocket(port: server.port) }
        let connectedBy = Date.now + 10
        let connected = idle.filter { $0.connected(by: connectedBy) }.count
        #expect(connected == idle.count, "idle connections established: \(connected)")

        // The server lets 100 pages listen at once; 150 ask.
        let streams = try (0..<150).map { _ in try LoopbackSocket(port: server.port) }
        let answeredBy = Date.now + 10
        var statuses: [Int: Int] = [:]
        var listening: [LoopbackSocket] = []
        for stream in streams {
            guard (try? stream.send(Self.eventsRequest, by: answeredBy)) != nil, let status = stream.status(by: answeredBy) else { continue }
            statuses[status, default: 0] += 1
            if status == 200 { listening.append(stream) }
        }
        #expect(statuses == [200: 100, 503: 50], "statuses of the streams: \(statuses)")

        let started = Date.now
        let page = LoopbackSocket.get("/", port: server.port, by: started + 2)
        #expect(page == 200, "the page, after \(Date.now.timeIntervalSince(started)) s")
        // Connections were closed to make room, but never a page listening.
        #expect(listening.allSatisfy { !$0.closedByServer(by: .now) })
    }

    /// A connection that sends nothing, or stops halfway through its request, is closed after the idle
    /// timeout, 10 seconds; 15 allowed.
    @Test func anIdleConnectionIsClosed() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let server = try LaunchedServe(fixture)
        let silent = try LoopbackSocket(port: server.port)
        let halfway = try LoopbackSocket(port: server.port)
        try halfway.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", by: .now + 5)
        let deadline = Date.now + 15
        #expect(silent.closedByServer(by: deadline), "a connection that sent nothing")
        #expect(halfway.closedByServer(by: deadline), "a connection that sent half a request")
    }
}

/// `commons serve` on a free port, started through `sh` so that its descriptor limit can be lowered,
/// with its process id, for reading what it holds from /proc.
private final class LaunchedServe {
    private let process = Process()
    private(set) var port = 0

    init(_ fixture: FixtureRepository, descriptors: Int? = nil) throws {
        let log = fixture.enclosingFolder.appending(path: "serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = descriptors.map { "ulimit -n \($0) && " } ?? ""
        process.arguments = ["-c", "\(limit)exec \"$0\" serve --port 0", CommonsBinary.url.path]
        process.currentDirectoryURL = fixture.url
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date.now + 60
        var text = ""
        while !text.contains("Built ") {
            guard Date.now < deadline, process.isRunning else { throw FixtureError("serve did not build:\n\(text)") }
            Thread.sleep(forTimeInterval: 0.05)
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        port = Int(text.firstMatch(of: /127\.0\.0\.1:(\d+)/)!.1)!
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    private var proc: String { "/proc/\(process.processIdentifier)" }

    /// The server's descriptors that are sockets: the listening one, and one per open connection.
    func sockets() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: proc + "/fd").count { name in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: proc + "/fd/" + name))?.hasPrefix("socket:") == true
        }
    }

    /// Connections to the server's port that the other end closed and the server did not (state 08).
    func closeWait() throws -> Int {
        let port = String(format: ":%04X", self.port)
        return try read("net/tcp").split(separator: "\n").dropFirst().count { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[1].hasSuffix(port) && fields[3] == "08"
        }
    }

    func residentMegabytes() throws -> Double {
        let line = try #require(try read("status").split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return Double(line.split(separator: " ")[1])! / 1024
    }

    /// A file of /proc about the server, whole: `String(contentsOfFile:)` stops after 4 KB of them.
    private func read(_ name: String) throws -> String {
        let data = try FileHandle(forReadingFrom: URL(fileURLWithPath: proc + "/" + name)).readToEnd() ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// One TCP connection to 127.0.0.1 that never blocks for longer than its deadlines; it owns its socket.
private final class LoopbackSocket {
    private let socket: Int32

    /// Starts connecting; `connected(by:)` says whether it did.
    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureError("socket: \(String(cString: strerror(errno)))") }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 || errno == EINPROGRESS else {
            close(socket)
            throw FixtureError("connect: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(socket)
    }

    /// The status of `GET target`, or nil when no answer came by `deadline`.
    static func get(_ target: String, port: Int, by deadline: Date) -> Int? {
        guard let connection = try? LoopbackSocket(port: port), connection.connected(by: deadline),
              (try? connection.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", by: deadline)) != nil else { return nil }
        return connection.status(by: deadline)
    }

    func connected(by deadline: Date) -> Bool {
        guard wait(for: Int16(POLLOUT), by: deadline) else { return false }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0
    }

    func send(_ text: String, by deadline: Date) throws {
        guard connected(by: deadline) else { throw FixtureError("not connected") }
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw FixtureError("send: \(String(cString: strerror(errno)))") }
    }

    /// What came until it contains `text`; nil when the connection ends or `deadline` passes first.
    func receive(until text: String, by deadline: Date) -> String? {
        var received = ""
        while !received.contains(text) {
            guard let chunk = receive(by: deadline), !chunk.isEmpty else { return nil }
            received += String(decoding: chunk, as: UTF8.self)
        }
        return received
    }

    /// The status of the answer's first line; nil when none came by `deadline`.
    func status(by deadline: Date) -> Int? {
        let line = receive(until: "\r\n", by: deadline)?.split(separator: "\r\n").first
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// True when the server closes the connection by `deadline`.
    func closedByServer(by deadline: Date) -> Bool {
        while let chunk = receive(by: deadline) {
            if chunk.isEmpty { return true }
        }
        return false
    }

    /// The next bytes; empty when the connection ended; nil when nothing came by `deadline`.
    private func receive(by deadline: Date) -> [UInt8]? {
        guard wait(for: Int16(POLLIN), by: deadline) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        // A reset ends the connection as a close does.
        return count > 0 ? Array(buffer[..<count]) : []
    }

    private func wait(for events: Int16, by deadline: Date) -> Bool {
        var request = pollfd(fd: socket, events: events, revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        return poll(&request, 1, milliseconds) > 0
    }
}
#endif
