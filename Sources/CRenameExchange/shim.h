#include <fcntl.h>
#include <errno.h>

// Swaps two paths in one step, so that a reader, or a build killed at any moment, sees either the old
// folder or the new one whole. Swift's Glibc module is built without _GNU_SOURCE, which hides
// renameat2, so its declaration is repeated here; glibc has exported it since 2.28, Linux since 3.15.
#ifdef __linux__
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
static inline int commons_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
#else
static inline int commons_exchange_paths(const char *first, const char *second) {
    errno = ENOSYS;
    return -1;
}
#endif
