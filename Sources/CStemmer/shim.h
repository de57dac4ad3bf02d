// Snowball's stemmers (Debian's libstemmer-dev), which ship no pkg-config file.
#include <libstemmer.h>
