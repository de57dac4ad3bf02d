import Foundation

/// A value made the first time it is asked for, by whichever thread asks first; the others wait for it.
final class MadeOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?

    func value(_ make: () -> Value) -> Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
