import Foundation
import Logging
import MCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The MCP stdio transport: one JSON-RPC message a line, read from standard input and written to
/// standard output.
///
/// It stands in for the SDK's `StdioTransport` (0.12.1), which read 4 KB at a time and searched the
/// whole unfinished line for a newline again after each read, so a line cost time in the square of its
/// length (2 MB took 20 s, 20 MB never finished); it also made both descriptors non-blocking, which
/// changes them for the parent process that shares them. Here each byte is looked at once, reads and
/// writes block on threads of their own, and `owed` tells when every request read has its answer.
actor LineTransport: Transport {
    nonisolated let logger = Logger(label: "commons.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    /// The requests read and not yet answered; the server must not end before they are.
    nonisolated let owed = OwedAnswers()
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, any Error>
    private let delivery: AsyncThrowingStream<Data, any Error>.Continuation
    // One write at a time, so that two answers' bytes never interleave; off Swift's cooperative
    // threads, since a client that reads slowly blocks the write.
    private let writer = DispatchQueue(label: "commons.mcp.output")
    private var connected = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
        (messages, delivery) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        guard !connected else { return }
        connected = true
        let (input, owed, delivery) = (input, owed, delivery)
        // read(2) blocks until the client writes, so it holds a thread of its own for the whole session.
        Thread.detachNewThread {
            do {
                try LineReader(descriptor: input).forEachLine { message in
                    owed.read(message)
                    delivery.yield(message)
                }
                delivery.finish()
            } catch {
                delivery.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        delivery.finish()
    }

    func send(_ message: Data) async throws {
        let output = output
        do {
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                writer.async {
                    done.resume(with: Result {
                        try Descriptor.writeAll(message, to: output)
                        try Descriptor.writeAll(Data([0x0A]), to: output)
                    })
                }
            }
        } catch {
            // Nobody can hear the answers still owed; waiting for them would never end.
            owed.abandon()
            throw error
        }
        owed.sent(message)
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }
}
