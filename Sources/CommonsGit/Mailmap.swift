import CGit2

/// The repository's `.mailmap`, which gives people one name and address across their commits.
final class Mailmap {
    private let handle: OpaquePointer

    init(repository: OpaquePointer) throws(GitError) {
        var pointer: OpaquePointer?
        try check(git_mailmap_from_repository(&pointer, repository), "read .mailmap")
        handle = pointer!
    }

    deinit {
        git_mailmap_free(handle)
    }

    /// The person's canonical name and email, as `git log --format=%aN %aE` shows them.
    func resolve(_ signature: Signature) -> Signature {
        // Without a mapping libgit2 hands back the pointers it was given, so the answer is read while
        // the C strings passed in are still alive.
        signature.name.withCString { nameIn in
            signature.email.withCString { emailIn in
                var name: UnsafePointer<CChar>?
                var email: UnsafePointer<CChar>?
                guard git_mailmap_resolve(&name, &email, handle, nameIn, emailIn) == 0 else { return signature }
                return Signature(
                    name: name.map { String(cString: $0) } ?? signature.name,
                    email: email.map { String(cString: $0) } ?? signature.email,
                    time: signature.time,
                    offsetMinutes: signature.offsetMinutes
                )
            }
        }
    }
}
