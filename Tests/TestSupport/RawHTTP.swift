import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client over a plain socket that sends a request exactly as written: no URL library
/// between the test and the server, so that `/../`, `%2e%2e` and backslashes reach it unchanged.
public enum RawHTTP {
    public struct Response: Sendable {
        public let status: Int
        /// Header names in lower case.
        public let headers: [String: String]
        public let body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends `method target` to 127.0.0.1:`port` with `Connection: close`, and reads the whole answer.
    public static func request(_ method: String = "GET", _ target: String, port: Int, headers: [String: String] = [:]) throws -> Response {
        let connection = try Connection(port: port)
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        try connection.send(request + "\r\n")
        var received: [UInt8] = []
        while let chunk = try connection.receive() { received += chunk }
        return try parse(received, method: method)
    }

    /// An open `GET` whose answer is read as it comes, for server-sent events.
    public final class Stream {
        private let connection: Connection
        public private(set) var received = ""

        public init(_ target: String, port: Int) throws {
            connection = try Connection(port: port)
            try connection.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        }

        /// Reads until what was received contains `text`; false if the connection ends or `seconds` pass first.
        public func wait(for text: String, seconds: Double = 30) throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while !received.contains(text) {
                guard Date() < deadline, let chunk = try connection.receive() else { return false }
                received += String(decoding: chunk, as: UTF8.self)
            }
            return true
        }
    }

    private static func parse(_ bytes: [UInt8], method: String) throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(bytes.count - 4, 0))).first(where: { bytes.count >= 4 && Array(bytes[$0..<($0 + 4)]) == separator }) else {
            throw FixtureError("no HTTP header in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw FixtureError("no status in '\(lines.first ?? "")'")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"] == "chunked" { body = dechunked(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var body: [UInt8] = [], index = 0
        while let lineEnd = bytes[index...].firstIndex(of: 0x0D), let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
            body += bytes[(lineEnd + 2)..<min(lineEnd + 2 + size, bytes.count)]
            index = lineEnd + 2 + size + 2
            guard index < bytes.count else { break }
        }
        return body
    }
}

/// One TCP connection to the loopback address; it owns its socket.
private final class Connection {
    private let socket: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw FixtureError("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw FixtureError("connect to port \(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(socket)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw FixtureError("send: \(String(cString: strerror(errno)))") }
    }

    /// The next bytes, or nil when the server closed the connection.
    func receive() throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw FixtureError("receive: \(String(cString: strerror(errno)))") }
        return count == 0 ? nil : Array(buffer[..<count])
    }
}
