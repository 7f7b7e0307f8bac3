// SPDX-License-Identifier: MIT
// gzip/zstd decompression and the length-framed stream, read to the end.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::decompress)
