// SPDX-License-Identifier: MIT
#pragma once

#include "ClockSkew.h"
#include "CriticalPath.h"
#include "RootCause.h"
#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/TraceData.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spanscope {

struct AnalysisOptions
{
    // Jaeger's clock-skew adjustment (docs/ANALYSIS.md): off by default, so times are the file's.
    bool adjustClockSkew = false;
    // Shifts larger than this are not applied, only reported (TimeFlag::SkewNotApplied). NTP keeps
    // hosts within milliseconds; a minute is far beyond any plausible skew yet below the gaps of
    // a trace stitched from unrelated requests.
    int64_t maxClockSkewShiftNs = 60'000'000'000;
};

// Everything the views need about one trace, computed once off the UI thread and then shared
// read-only: the data, its tree and its effective times, and the analyses over them.
struct TraceAnalysis
{
    TraceData data;
    SpanTree tree;
    SpanTimes times;
    AnalysisOptions options;
    ClockSkewReport clockSkew;     // all zero when the adjustment is off
    std::vector<int64_t> selfTime; // per span, ns
    CriticalPath criticalPath;     // over the (possibly adjusted) times
    ErrorAnalysis errors;          // error count, root-cause candidates (deepest first)
};

std::shared_ptr<const TraceAnalysis> analyzeTrace(TraceData data, const AnalysisOptions& options);

} // namespace spanscope
