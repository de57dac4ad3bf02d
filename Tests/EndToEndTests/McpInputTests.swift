import Foundation
import Testing
import TestSupport

/// How `commons mcp` reads standard input: a long line costs time in proportion to its length, and
/// closing standard input ends the server only once every request it read has its answer.
@Suite struct McpInputTests {
    /// The MCP SDK's reader searched the whole unfinished line for a newline again after each 4 KB it
    /// read: 2 MB took 20 s and 20 MB did not finish. Bounds: the answer (an error, the tool takes no
    /// such argument) within 20 s, and a peak resident memory (VmHWM) under 250 MB where /proc tells it
    /// (108 MB when this was written).
    @Test func aTwentyMegabyteRequestIsAnsweredWithin20SecondsInUnder250MB() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let server = try McpProcess(in: fixture.url)
        defer { server.stop() }
        server.write(McpProcess.handshake)
        _ = try #require(server.answer(id: 0, within: 60), "no answer to initialize: \(server.errors)")

        let padding = String(repeating: "x", count: 20_000_000)
        let started = Date()
        server.write(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tags","arguments":{"padding":"\#(padding)"}}}"# + "\n")
        let answer = try #require(server.answer(id: 1, within: 20), "no answer within 20 s: \(server.errors)")
        let seconds = Date().timeIntervalSince(started)
        #expect(answer.contains("unknown argument 'padding'"), "\(answer.prefix(500))")
        // The server is still running, so its high-water mark covers the whole request.
        if let peak = server.peakMemoryMegabytes {
            #expect(peak < 250, "peak memory \(peak) MB after \(seconds) s")
        }
        server.closeInput()
        #expect(server.exitStatus(within: 10) == 0)
    }

    /// The SDK's server answered each request in a task of its own and stopped waiting when input
    /// ended, so the process could exit with answers still being made: of 21 requests written at once,
    /// 1 to 21 came back. Three runs as clients write, then one whose last request lacks its newline:
    /// each must answer all of them.
    @Test func closingInputRightAfterManyRequestsStillGetsEveryAnswer() throws {
        let fixture = try FixtureRepository.linkedNotes()
        let requests = (1...40).map { id in
            switch id % 4 {
            case 0: #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"search_notes","arguments":{"query":"part"}}}"#
            case 1: #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"neighbourhood","arguments":{"id":"home","depth":3}}}"#
            case 2: #"{"jsonrpc":"2.0","id":\#(id),"method":"resources/list"}"#
            default: #"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#
            }
        }
        for (run, ending) in zip(1..., ["\n", "\n", "\n", ""]) {
            let input = McpProcess.handshake + requests.joined(separator: "\n") + ending
            let result = try Run.command([CommonsBinary.url.path, "mcp"], in: fixture.url, input: input)
            #expect(result.status == 0, "\(result.standardError)")
            let answered = Set(McpProcess.answers(in: result.standardOutput).keys)
            #expect(answered == Set(0...40), "run \(run): missing \(Set(0...40).subtracting(answered).sorted())")
        }
    }
}

/// A running `commons mcp` that a test writes to while it reads the answers.
private final class McpProcess: @unchecked Sendable {
    // @unchecked: `output` and `errorText` are written by the pipes' readers and read by the test, both under `lock`.
    private let process = Process()
    private let input = Pipe()
    private let writer = DispatchQueue(label: "McpInputTests.writer")
    private let lock = NSLock()
    private var output = Data()
    private var errorText = ""

    /// `initialize` as id 0, then `notifications/initialized`, each on its line.
    static let handshake = """
        {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"McpInputTests","version":"1"}}}
        {"jsonrpc":"2.0","method":"notifications/initialized"}

        """

    init(in folder: URL) throws {
        // A server that is killed while the writer is still writing must give the writer an error, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = CommonsBinary.url
        process.arguments = ["mcp"]
        process.currentDirectoryURL = folder
        let output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output.append(data) }
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.errorText += text }
        }
        try process.run()
    }

    var errors: String { lock.withLock { errorText } }

    /// Writes `text` on a thread of its own: a server that reads slowly must not hold up the test's clock.
    func write(_ text: String) {
        let handle = input.fileHandleForWriting
        writer.async { try? handle.write(contentsOf: Data(text.utf8)) }
    }

    /// Closes standard input once everything written before has been written.
    func closeInput() {
        let handle = input.fileHandleForWriting
        writer.async { try? handle.close() }
    }

    /// The answer line with this id, or nil when none came within `seconds`.
    func answer(id: Int, within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let text = lock.withLock { String(decoding: output, as: UTF8.self) }
            if let line = Self.answers(in: text)[id] { return line }
            guard Date() < deadline, process.isRunning else { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The process's peak resident memory so far, from /proc (Linux only).
    var peakMemoryMegabytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return nil }
        return kilobytes / 1024
    }

    /// The exit status, or nil when the process is still running after `seconds`.
    func exitStatus(within seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        _ = exitStatus(within: 10)
    }

    /// The complete answer lines of `output` by their numeric id.
    static func answers(in output: String) -> [Int: String] {
        var answers: [Int: String] = [:]
        for line in output.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? Int else { continue }
            answers[id] = String(line)
        }
        return answers
    }
}
