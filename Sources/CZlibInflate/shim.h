// zlib, for gzip files (Debian: zlib1g-dev).
#include <zlib.h>
