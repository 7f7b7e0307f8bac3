// SPDX-License-Identifier: MIT
#include "TimeWindow.h"

#include <algorithm>
#include <cmath>

namespace spanscope {

TimeWindow::TimeWindow(int64_t rangeStart, int64_t rangeEnd)
    : m_rangeStart(rangeStart), m_rangeEnd(std::max(rangeEnd, rangeStart + 1))
{
    reset();
}

int64_t TimeWindow::margin() const
{
    return int64_t(double(m_rangeEnd - m_rangeStart) * kMarginShare);
}

bool TimeWindow::set(int64_t start, int64_t end)
{
    const int64_t m = margin();
    const int64_t widest = m_rangeEnd - m_rangeStart + 2 * m;
    const int64_t width = std::min(std::max(end - start, kMinimumWidthNs), widest);
    start = std::clamp(start, m_rangeStart - m, m_rangeEnd + m - width);
    if (start == m_start && start + width == m_end)
        return false;
    m_start = start;
    m_end = start + width;
    return true;
}

bool TimeWindow::reset()
{
    if (m_start == m_rangeStart && m_end == m_rangeEnd)
        return false;
    m_start = m_rangeStart;
    m_end = m_rangeEnd;
    return true;
}

bool TimeWindow::zoomAbout(int64_t anchor, double factor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return false;
    anchor = std::clamp(anchor, m_start, m_end);
    // Offsets from the anchor, not absolute times, go through double: epoch nanoseconds have no
    // room left in a double's mantissa for a window of a few hundred ns.
    const double ratio = double(anchor - m_start) / double(width());
    const double newWidth = std::max(double(width()) / factor, double(kMinimumWidthNs));
    const int64_t start = anchor - int64_t(std::llround(ratio * newWidth));
    return set(start, start + int64_t(std::llround(newWidth)));
}

bool TimeWindow::panBy(int64_t ns)
{
    return set(m_start + ns, m_end + ns);
}

bool TimeWindow::panByPixels(double pixels, double viewPixels)
{
    const double nsPerPixel = double(width()) / std::max(viewPixels, 1.0);
    return panBy(-int64_t(std::llround(pixels * nsPerPixel)));
}

bool TimeWindow::zoomTo(int64_t from, int64_t to, double marginShare)
{
    const int64_t duration = std::max(to - from, kMinimumWidthNs);
    const auto m = int64_t(double(duration) * marginShare);
    return set(from - m, from + duration + m);
}

bool TimeWindow::ensureVisible(int64_t from, int64_t to, double marginShare)
{
    to = std::max(to, from);
    const bool inside = from >= m_start && to <= m_end;
    const bool covers = from <= m_start && to >= m_end;
    if (inside || covers)
        return false;
    const int64_t w = width();
    const auto m = int64_t(double(w) * marginShare);
    if (to - from <= w - 2 * m) {
        const int64_t start = from + (to - from) / 2 - w / 2;
        return set(start, start + w);
    }
    return set(from - m, from - m + w);
}

} // namespace spanscope
