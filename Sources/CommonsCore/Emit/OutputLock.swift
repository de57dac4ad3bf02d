import Foundation

/// Keeps two builds from writing one output folder at once: interleaved, they left pages of both
/// commits (a note private in one and public in the other among them) and each other's staged files.
/// The lock is on the folder that holds the output folder, which stays in place while the output
/// folder itself is swapped for a new one, and the kernel releases it when a build dies.
final class OutputLock {
    private let descriptor: Int32

    /// Waits for the lock on `parent`; `waiting` is told once when another build holds it.
    init(parent: String, waiting: () -> Void) throws {
        descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BuildError("cannot open the folder '\(parent)': \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else { throw failure(parent) }
        waiting()
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure(parent) }
        }
    }

    deinit {
        close(descriptor)
    }

    private func failure(_ parent: String) -> BuildError {
        // Not closed here: the instance is whole by now, so its deinit runs when the init throws.
        BuildError("cannot lock the folder '\(parent)' against other builds: \(String(cString: strerror(errno)))")
    }
}
