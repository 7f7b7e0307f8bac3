// SPDX-License-Identifier: MIT
#include "TimeAxis.h"

#include <algorithm>
#include <cmath>

namespace spanscope {

TimeMapping::TimeMapping(int64_t windowStart, int64_t windowEnd, double x0, double width)
    : m_start(windowStart), m_end(std::max(windowEnd, windowStart + 1)), m_x0(x0),
      m_width(std::max(width, 1.0))
{
    m_scale = m_width / double(m_end - m_start);
}

TimeTicks computeTicks(const TimeMapping& mapping, int64_t origin, double minSpacing)
{
    TimeTicks result;
    const double minStep = mapping.nsPerPixel() * std::max(minSpacing, 1.0);
    int64_t step = 1;
    // 1, 2, 5, 10, 20, 50, ... ns
    for (int64_t magnitude = 1; magnitude < INT64_MAX / 10; magnitude *= 10) {
        const int64_t candidates[] = {magnitude, magnitude * 2, magnitude * 5};
        bool found = false;
        for (int64_t candidate : candidates) {
            if (double(candidate) >= minStep) {
                step = candidate;
                found = true;
                break;
            }
        }
        if (found)
            break;
    }
    result.step = step;
    // Ticks are multiples of step counted from origin (the trace start), so labels read 0, 5 ms, ...
    const int64_t first = mapping.windowStart() - origin;
    int64_t k = first >= 0 ? (first + step - 1) / step : -((-first) / step);
    for (;; ++k) {
        const int64_t time = origin + k * step;
        if (time > mapping.windowEnd())
            break;
        result.ticks.push_back(TimeTick{time, mapping.toX(time)});
        if (result.ticks.size() > 10000)
            break;
    }
    return result;
}

} // namespace spanscope
