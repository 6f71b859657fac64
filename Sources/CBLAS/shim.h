// The CBLAS interface of OpenBLAS (Debian: libopenblas-dev). The include path comes from
// pkg-config openblas, which points at the pthread variant's headers.
#include <cblas.h>
