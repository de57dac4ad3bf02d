#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have a main of their own (LLVM's libFuzzer documentation,
// "Using libFuzzer as a library"); defined in libclang_rt.fuzzer_no_main, which only the fuzz build
// links. A fuzz target's main calls it, so that every other executable of the package keeps its main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
