#ifndef SEEK_CBLAS_SHIM_H
#define SEEK_CBLAS_SHIM_H
#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif
#endif
