// SPDX-License-Identifier: MIT
// Must compile: the plain data headers are layout's to use (the control for the probes beside it).
#include "model/TraceData.h"
