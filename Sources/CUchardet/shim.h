// uchardet, Mozilla's universal charset detector (Debian: libuchardet-dev).
#include <uchardet/uchardet.h>
