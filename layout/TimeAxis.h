// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace spanscope {

// Maps a time window (ns) onto a pixel range and back. Pure arithmetic in double, so a window of a
// few nanoseconds and one of a day map with the same code.
class TimeMapping
{
public:
    TimeMapping() = default;
    TimeMapping(int64_t windowStart, int64_t windowEnd, double x0, double width);

    double toX(int64_t time) const { return m_x0 + double(time - m_start) * m_scale; }
    int64_t toTime(double x) const { return m_start + int64_t((x - m_x0) / m_scale); }
    double widthOf(int64_t duration) const { return double(duration) * m_scale; }
    int64_t windowStart() const { return m_start; }
    int64_t windowEnd() const { return m_end; }
    double x0() const { return m_x0; }
    double width() const { return m_width; }
    double nsPerPixel() const { return 1.0 / m_scale; }

private:
    int64_t m_start = 0;
    int64_t m_end = 1;
    double m_x0 = 0;
    double m_width = 1;
    double m_scale = 1; // pixels per ns
};

struct TimeTick
{
    int64_t time; // absolute ns
    double x;
};

// Ticks at "nice" steps (1, 2, 5 × 10^k ns) at least minSpacing pixels apart.
struct TimeTicks
{
    int64_t step = 1;
    std::vector<TimeTick> ticks;
};
TimeTicks computeTicks(const TimeMapping& mapping, int64_t origin, double minSpacing);

} // namespace spanscope
