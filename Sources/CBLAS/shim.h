#ifndef SEEK_CBLAS_SHIM_H
#define SEEK_CBLAS_SHIM_H
#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
/// OpenBLAS: stops its thread pool (exported, undeclared in cblas.h); a later multi-threaded
/// call would start it again.
int blas_thread_shutdown_(void);
#endif
#endif
