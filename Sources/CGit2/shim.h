#include <git2.h>

// git_libgit2_opts is variadic, which Swift cannot call; this wraps the one option commons sets.
static inline int commons_git_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}
