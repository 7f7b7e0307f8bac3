// SPDX-License-Identifier: MIT
// The whole import (importStream): gzip/zstd, the Collector's length framing, sniffing, every importer.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::pipeline)
