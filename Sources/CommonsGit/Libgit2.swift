import CGit2

/// libgit2 must be initialised once per process before any thread uses it.
enum Libgit2 {
    private static let initialised: Bool = {
        git_libgit2_init()
        // libgit2 hashes every object it reads again to check it; git does that only in `git fsck`.
        // Reading a long history spent half its time there.
        _ = commons_git_enable_strict_hash_verification(0)
        return true
    }()

    static func ensureInitialised() {
        _ = initialised
    }
}
