import Dispatch
import Foundation
import Synchronization

/// Work spread over every core, for stages whose items are independent. Each lane sets up state of its
/// own first, such as a repository handle: libgit2 objects may not be shared between threads.
public enum Lanes {
    /// `work` applied to each item, in the items' order. The first failure is thrown once all lanes stop.
    public static func map<Item: Sendable, State, Output: Sendable, Failure: Error>(
        _ items: [Item], lane makeState: @Sendable () throws(Failure) -> State,
        _ work: @Sendable (inout State, Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, items.count))
        let results = Mutex<(outputs: [Int: Output], failure: Failure?)>(([:], nil))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            do throws(Failure) {
                var state = try makeState()
                var outputs: [Int: Output] = [:]
                for index in stride(from: lane, to: items.count, by: lanes) {
                    outputs[index] = try work(&state, items[index])
                }
                results.withLock { $0.outputs.merge(outputs) { first, _ in first } }
            } catch {
                results.withLock { $0.failure = $0.failure ?? error }
            }
        }
        let (outputs, failure) = results.withLock { ($0.outputs, $0.failure) }
        if let failure { throw failure }
        return items.indices.map { outputs[$0]! }
    }

    /// `work` on this thread and `beside` on another core at the same time, for two parts of a stage
    /// that share nothing; returns once both are done.
    public static func alongside<Mine, Theirs: Sendable, Failure: Error>(
        _ beside: @escaping @Sendable () -> Theirs, _ work: () throws(Failure) -> Mine
    ) throws(Failure) -> (Mine, Theirs) {
        let result = Mutex<Theirs?>(nil)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            let theirs = beside()
            result.withLock { $0 = theirs }
        }
        let mine: Mine
        do throws(Failure) {
            mine = try work()
        } catch {
            done.wait()
            throw error
        }
        done.wait()
        return (mine, result.withLock { $0! })
    }
}
