import Foundation
import TestSupport

/// A running `commons serve` on a free port of the loopback address, for tests.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: `log` is written by the pipe's reader and read by the test, both under `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var logText = ""
    private(set) var port = 0

    /// Starts serving `folder` and waits for the first build.
    init(_ folder: URL, arguments: [String] = []) throws {
        process.executableURL = CommonsBinary.url
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.logText += text }
        }
        try process.run()
        guard try waitForLog({ $0.contains("Serving http://127.0.0.1:") }) else { throw FixtureError("serve did not start:\n\(log)") }
        port = Int(log.firstMatch(of: /127\.0\.0\.1:(\d+)/)!.1)!
        guard try waitForLog({ $0.contains("Built ") || $0.contains("Build failed") }) else { throw FixtureError("no first build:\n\(log)") }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var log: String { lock.withLock { logText } }

    /// Waits until the log satisfies `condition`; false after `seconds`.
    func waitForLog(seconds: Double = 60, _ condition: (String) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(log) {
            guard Date() < deadline, process.isRunning else { return condition(log) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> RawHTTP.Response {
        try RawHTTP.request(method, target, port: port, headers: headers)
    }

    /// Sends Ctrl-C and returns the exit status, or nil when the server is still running after `seconds`.
    func interrupt(seconds: Double = 10) -> Int32? {
        process.interrupt()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }
}
