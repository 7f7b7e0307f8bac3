// SPDX-License-Identifier: MIT
#pragma once

#include "layout/TimeWindow.h"
#include "layout/TraceAnalysis.h"

#include <QObject>
#include <cstdint>
#include <memory>
#include <vector>

namespace spanscope {

// What every view of one trace shares, so that switching views keeps the user's place and a span
// picked in one view is the span in all of them: the selected and the hovered span, find's
// matches (and so what is dimmed), the hidden services, and the visible time window. One per
// trace on screen; views change it through the setters and follow its signals, never each other.
// Setters emit only on a real change, so views may call them from their own signal handlers.
class TraceViewState : public QObject
{
    Q_OBJECT

public:
    static constexpr uint32_t kNoSpan = UINT32_MAX;

    explicit TraceViewState(QObject* parent = nullptr);

    // A new trace (or none): selection, hover, matches and hidden services are cleared and the
    // window covers the whole trace.
    void setAnalysis(std::shared_ptr<const TraceAnalysis> analysis);
    const TraceAnalysis* analysis() const { return m_analysis.get(); }
    const std::shared_ptr<const TraceAnalysis>& sharedAnalysis() const { return m_analysis; }

    uint32_t selectedSpan() const { return m_selected; }
    void selectSpan(uint32_t span);
    uint32_t hoveredSpan() const { return m_hovered; }
    void hoverSpan(uint32_t span);

    // Find: 1 for each span that matches; an empty vector is "no find".
    void setMatches(std::vector<uint8_t> matches);
    const std::vector<uint8_t>& matches() const { return m_matches; }
    bool hasMatches() const { return !m_matches.empty(); }
    // 0 for spans find dims: neither a match nor an ancestor of one (the path to a match stays
    // readable). Empty when nothing is dimmed.
    const std::vector<uint8_t>& undimmed() const { return m_undimmed; }
    bool isDimmed(uint32_t span) const { return !m_undimmed.empty() && !m_undimmed[span]; }

    // Hidden services by string index (1 = hidden; empty = all shown). docs/DECISIONS.md, "Hiding
    // a service": a hidden service's spans are not shown, their other descendants are.
    void setHiddenServices(std::vector<uint8_t> hidden);
    const std::vector<uint8_t>& hiddenServices() const { return m_hiddenServices; }
    bool isServiceHidden(uint32_t serviceString) const;
    bool isSpanHidden(uint32_t span) const;

    // The visible time range, shared by every time-based view (waterfall, flame chart).
    const TimeWindow& window() const { return m_window; }
    void setWindow(const TimeWindow& window);

signals:
    void analysisChanged();
    void selectionChanged(uint32_t span);
    void hoverChanged(uint32_t span);
    void matchesChanged();
    void hiddenServicesChanged();
    void windowChanged();

private:
    std::shared_ptr<const TraceAnalysis> m_analysis;
    uint32_t m_selected = kNoSpan;
    uint32_t m_hovered = kNoSpan;
    std::vector<uint8_t> m_matches;
    std::vector<uint8_t> m_undimmed;
    std::vector<uint8_t> m_hiddenServices;
    TimeWindow m_window;
};

} // namespace spanscope
