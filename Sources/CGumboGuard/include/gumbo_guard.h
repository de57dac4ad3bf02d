#ifndef COMMONS_GUMBO_GUARD_H
#define COMMONS_GUMBO_GUARD_H

#include <gumbo.h>
#include <stddef.h>

/// One parse by gumbo, owning every byte gumbo allocated for it.
typedef struct CommonsGumboParse CommonsGumboParse;

/// Parses as gumbo_parse_with_options does, with the allocator of `options` replaced by one that
/// keeps every allocation. Debian's gumbo (0.10) is built with its assertions on, and some input
/// fails one of them: that would end the process. Instead, the parse is abandoned, everything it
/// allocated freed, NULL returned and the assertion's text written to `failure`.
CommonsGumboParse *commons_gumbo_parse(const GumboOptions *options, const char *buffer, size_t length,
                                       char *failure, size_t failure_size);

GumboOutput *commons_gumbo_output(const CommonsGumboParse *parse);

/// Frees the parse and its output.
void commons_gumbo_free(CommonsGumboParse *parse);

#endif
