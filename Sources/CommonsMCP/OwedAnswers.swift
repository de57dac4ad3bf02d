import Foundation
import MCP

/// The requests the server has read and not yet answered, so that `commons mcp` ends only when each
/// has its answer.
///
/// The SDK's server (0.12.1) answers each request in a task of its own that nothing awaits: when input
/// ends, its loop ends and `waitUntilCompleted()` returns while answers are still being made, and a
/// process that exited then dropped them. Batches, notifications and lines it cannot read are answered
/// inside its loop, so only single requests are counted here, told apart as the server tells them.
final class OwedAnswers: @unchecked Sendable {
    // @unchecked: all state is read and written under `lock`.
    private let lock = NSLock()
    private var owed: [ID: Int] = [:]
    private var abandoned = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Notes a message read from the client: a request is owed an answer. A cancelled request is
    /// forgiven, since the server answers it or not depending on how far it got.
    func read(_ message: Data) {
        switch Envelope.kind(of: message) {
        case .request(let id): update { $0[id, default: 0] += 1 }
        case .cancellation(let id): pay(id)
        case .answer, .other: break
        }
    }

    /// Notes a message written to the client: an answer pays what its id owes.
    func sent(_ message: Data) {
        if case .answer(let id) = Envelope.kind(of: message) { pay(id) }
    }

    /// The client can no longer hear answers; stop waiting for them.
    func abandon() {
        update { _ in abandoned = true }
    }

    /// Returns once every request read so far has its answer.
    func settled() async {
        await withCheckedContinuation { waiter in
            let now = lock.withLock {
                if owed.isEmpty || abandoned { return true }
                waiters.append(waiter)
                return false
            }
            if now { waiter.resume() }
        }
    }

    private func pay(_ id: ID) {
        update { owed in
            guard let count = owed[id] else { return }
            owed[id] = count > 1 ? count - 1 : nil
        }
    }

    private func update(_ change: (inout [ID: Int]) -> Void) {
        let ready = lock.withLock {
            change(&owed)
            guard owed.isEmpty || abandoned else { return [CheckedContinuation<Void, Never>]() }
            defer { waiters = [] }
            return waiters
        }
        for waiter in ready { waiter.resume() }
    }
}

/// Enough of a JSON-RPC message to tell a request, an answer and a cancellation apart the way the SDK's
/// server does: it takes a message for an answer before it tries it as a request, and reads ids with
/// the SDK's own `ID`, so an id matches its answer's exactly. Only the few small fields are decoded.
private struct Envelope: Decodable {
    enum Kind {
        case request(ID), answer(ID), cancellation(ID), other
    }

    let kind: Kind

    static func kind(of message: Data) -> Kind {
        (try? JSONDecoder().decode(Envelope.self, from: message))?.kind ?? .other
    }

    private enum Keys: String, CodingKey {
        case jsonrpc, id, method, result, error, params
    }

    private enum CancellationKeys: String, CodingKey {
        case requestId
    }

    init(from decoder: any Decoder) throws {
        let message = try decoder.container(keyedBy: Keys.self)
        guard (try? message.decode(String.self, forKey: .jsonrpc)) == "2.0" else {
            kind = .other
            return
        }
        let id = try? message.decode(ID.self, forKey: .id)
        let method = try? message.decode(String.self, forKey: .method)
        if let id, message.contains(.result) || (try? message.decode(MCPError.self, forKey: .error)) != nil {
            kind = .answer(id)
        } else if let id, method != nil {
            kind = .request(id)
        } else if !message.contains(.id), method == CancelledNotification.name,
                  let requestId = try? message.nestedContainer(keyedBy: CancellationKeys.self, forKey: .params)
                      .decodeIfPresent(ID.self, forKey: .requestId) {
            kind = .cancellation(requestId)
        } else {
            kind = .other
        }
    }
}
