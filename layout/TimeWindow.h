// SPDX-License-Identifier: MIT
#pragma once

#include "TimeAxis.h"

#include <cstdint>

namespace spanscope {

// The visible part of a trace's time: a window [start, end) in ns over the trace's range, with the
// rules every time-based view shares (the waterfall now; the flame chart and the two synchronised
// windows of the comparison view next): it never gets narrower than a minimum, never wider than
// the trace plus a margin on each side, and never leaves that margin. Pure value arithmetic: no
// signals, no widgets; every operation returns whether the window changed.
class TimeWindow
{
public:
    static constexpr int64_t kMinimumWidthNs = 100; // the deepest zoom: 100 ns across the view
    static constexpr double kMarginShare = 0.05;    // room beside the trace, a share of its duration

    TimeWindow() = default;
    // Over the trace's range [rangeStart, rangeEnd]; the window shows all of it.
    TimeWindow(int64_t rangeStart, int64_t rangeEnd);

    int64_t start() const { return m_start; }
    int64_t end() const { return m_end; }
    int64_t width() const { return m_end - m_start; }
    int64_t rangeStart() const { return m_rangeStart; }
    int64_t rangeEnd() const { return m_rangeEnd; }
    // How far the window may go beyond the range on either side.
    int64_t margin() const;
    // The mapping onto a pixel range [x0, x0 + pixels).
    TimeMapping mapping(double x0, double pixels) const { return TimeMapping(m_start, m_end, x0, pixels); }

    // [start, end) clamped: at least kMinimumWidthNs wide, at most the range plus both margins,
    // inside the margins (a window that would leave them slides back, keeping its width).
    bool set(int64_t start, int64_t end);
    // The whole range.
    bool reset();
    // Narrower by factor (> 1 zooms in, < 1 out), keeping `anchor` (a time) where it is on screen.
    bool zoomAbout(int64_t anchor, double factor);
    // Later by ns (negative: earlier), keeping the width (until a margin stops it).
    bool panBy(int64_t ns);
    // By a distance on screen, for a view `viewPixels` wide: positive pixels move the content right,
    // that is the window earlier (a drag to the right shows what came before).
    bool panByPixels(double pixels, double viewPixels);
    // Shows [from, to) with a margin of marginShare of its duration on both sides.
    bool zoomTo(int64_t from, int64_t to, double marginShare = kMarginShare);
    // Pans (never zooms) so that [from, to) is in view: centred when it fits, its start a margin in
    // from the left edge when it is wider than the window. No change when it is already in view.
    bool ensureVisible(int64_t from, int64_t to, double marginShare = kMarginShare);

    bool operator==(const TimeWindow&) const = default;

private:
    int64_t m_rangeStart = 0;
    int64_t m_rangeEnd = 1;
    int64_t m_start = 0;
    int64_t m_end = 1;
};

} // namespace spanscope
