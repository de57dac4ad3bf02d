#include "gumbo_guard.h"

#include <assert.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

// Every allocation of a parse, in a list, so that an abandoned parse frees all of it.
struct Allocation {
    struct Allocation *previous;
    struct Allocation *next;
};

struct CommonsGumboParse {
    struct Allocation allocations;
    GumboOutput *output;
};

static void *allocate(void *userdata, size_t size) {
    struct CommonsGumboParse *parse = userdata;
    // The header is 16 bytes on 64-bit systems, so what follows keeps malloc's alignment.
    struct Allocation *allocation = malloc(sizeof(struct Allocation) + size);
    if (allocation == NULL) abort();
    allocation->previous = &parse->allocations;
    allocation->next = parse->allocations.next;
    if (allocation->next != NULL) allocation->next->previous = allocation;
    parse->allocations.next = allocation;
    return allocation + 1;
}

static void deallocate(void *userdata, void *pointer) {
    (void)userdata;
    if (pointer == NULL) return;
    struct Allocation *allocation = (struct Allocation *)pointer - 1;
    allocation->previous->next = allocation->next;
    if (allocation->next != NULL) allocation->next->previous = allocation->previous;
    free(allocation);
}

static void free_all(struct CommonsGumboParse *parse) {
    struct Allocation *allocation = parse->allocations.next;
    while (allocation != NULL) {
        struct Allocation *next = allocation->next;
        free(allocation);
        allocation = next;
    }
    free(parse);
}

// The parse running on this thread, if one is: where a failed assertion returns to.
static _Thread_local sigjmp_buf *running;
static _Thread_local char *failure_text;
static _Thread_local size_t failure_capacity;

// glibc's assert calls this. Defined here, in the program, it is the one every library's assert
// calls: inside a parse it abandons the parse; anywhere else it does what glibc's does.
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function) {
    if (running != NULL) {
        if (failure_text != NULL && failure_capacity > 0) {
            snprintf(failure_text, failure_capacity, "%s:%u: %s: assertion '%s' failed", file, line, function ? function : "?", assertion);
        }
        siglongjmp(*running, 1);
    }
    fprintf(stderr, "%s:%u: %s%sAssertion `%s' failed.\n", file, line, function ? function : "", function ? ": " : "", assertion);
    fflush(stderr);
    abort();
}

CommonsGumboParse *commons_gumbo_parse(const GumboOptions *options, const char *buffer, size_t length,
                                       char *failure, size_t failure_size) {
    struct CommonsGumboParse *parse = calloc(1, sizeof(struct CommonsGumboParse));
    if (parse == NULL) abort();
    GumboOptions guarded = *options;
    guarded.allocator = allocate;
    guarded.deallocator = deallocate;
    guarded.userdata = parse;
    sigjmp_buf here;
    sigjmp_buf *outer = running;
    if (sigsetjmp(here, 0) != 0) {
        running = outer;
        free_all(parse);
        return NULL;
    }
    running = &here;
    failure_text = failure;
    failure_capacity = failure_size;
    parse->output = gumbo_parse_with_options(&guarded, buffer, length);
    running = outer;
    return parse;
}

GumboOutput *commons_gumbo_output(const CommonsGumboParse *parse) {
    return parse->output;
}

void commons_gumbo_free(CommonsGumboParse *parse) {
    if (parse != NULL) free_all(parse);
}
