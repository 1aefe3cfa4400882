#ifndef SEEK_CDNNL_SHIM_H
#define SEEK_CDNNL_SHIM_H
#include <oneapi/dnnl/dnnl.h>
#endif
