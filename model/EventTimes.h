// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"
#include "TraceData.h"

#include <cstdint>
#include <tuple>
#include <vector>

namespace spanscope {

// The time of every event (log, annotation) of a trace's spans, as (span index, time, time): what
// the waterfall draws as ticks on the bars. One range scan of the events table.
std::vector<std::tuple<uint32_t, int64_t, int64_t>> loadEventTimes(sql::Database& db, const TraceData& trace);

} // namespace spanscope
