// SPDX-License-Identifier: MIT
// The format sniffer and the framing detector on the first bytes of a file.
// The entry point is in FuzzTargets.h, shared with the regression test.
#include "FuzzTargets.h"

SPANSCOPE_FUZZ_TARGET(spanscope::fuzz::sniffer)
