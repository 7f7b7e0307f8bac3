// SPDX-License-Identifier: MIT
#include "EventTimes.h"

#include <algorithm>

namespace spanscope {

std::vector<std::tuple<uint32_t, int64_t, int64_t>> loadEventTimes(sql::Database& db, const TraceData& trace)
{
    std::vector<std::tuple<uint32_t, int64_t, int64_t>> result;
    if (trace.size() == 0)
        return result;
    std::vector<std::pair<int64_t, uint32_t>> byRow(trace.size());
    for (uint32_t i = 0; i < trace.size(); ++i)
        byRow[i] = {trace.rowId[i], i};
    std::sort(byRow.begin(), byRow.end());
    auto events = db.prepare("SELECT span, time_ns FROM events WHERE span BETWEEN ?1 AND ?2");
    events.bind(1, byRow.front().first).bind(2, byRow.back().first);
    while (events.step()) {
        const int64_t row = events.columnInt(0);
        const auto it = std::lower_bound(byRow.begin(), byRow.end(), std::make_pair(row, uint32_t(0)));
        if (it != byRow.end() && it->first == row)
            result.emplace_back(it->second, events.columnInt(1), events.columnInt(1));
    }
    return result;
}

} // namespace spanscope
