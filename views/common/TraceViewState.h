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
// trace area (TracePanel); every view, the details and the shared bars change it through the
// setters and follow its signals, never each other (docs/ARCHITECTURE.md, "views/common").
// Setters emit only on a real change, so views may call them from their own signal handlers.
// What is one view's own (the waterfall's collapsed rows and scroll position, a flame chart's
// focused frame) stays in that view.
class TraceViewState : public QObject
{
    Q_OBJECT

public:
    static constexpr uint32_t kNoSpan = UINT32_MAX;

    explicit TraceViewState(QObject* parent = nullptr);

    // A new trace (or none): selection, hover, matches and hidden services are cleared and the
    // window covers the whole trace. Emits analysisChanged only (not the other signals): a view
    // rebuilds everything from the state on it.
    void setAnalysis(std::shared_ptr<const TraceAnalysis> analysis);
    const TraceAnalysis* analysis() const { return m_analysis.get(); }
    const std::shared_ptr<const TraceAnalysis>& sharedAnalysis() const { return m_analysis; }

    uint32_t selectedSpan() const { return m_selected; }
    // Out of range (or kNoSpan) selects nothing.
    void selectSpan(uint32_t span);
    // Selects the span, pans the shared window (keeping the zoom) so that its interval shows, and
    // asks every view to bring it into view (revealRequested), even when it was selected already:
    // a find jump, a followed link.
    void revealSpan(uint32_t span);
    uint32_t hoveredSpan() const { return m_hovered; }
    void hoverSpan(uint32_t span);

    // Find: 1 for each span that matches; an empty vector is "no find". The result of the trace
    // area's search (TracePanel), whichever view is current.
    void setMatches(std::vector<uint8_t> matches);
    const std::vector<uint8_t>& matches() const { return m_matches; }
    bool hasMatches() const { return !m_matches.empty(); }
    // 0 for spans find dims: neither a match nor an ancestor of one (the path to a match stays
    // readable). Empty when nothing is dimmed.
    const std::vector<uint8_t>& undimmed() const { return m_undimmed; }
    bool isDimmed(uint32_t span) const { return !m_undimmed.empty() && !m_undimmed[span]; }
    // Matches a jump can reach (not of a hidden service), and those it cannot.
    size_t reachableMatchCount() const { return m_matchOrder.size(); }
    size_t hiddenMatchCount() const { return m_matchTotal - m_matchOrder.size(); }
    // The span's place among the reachable matches, 1-based; 0 when it is not one of them.
    size_t matchPosition(uint32_t span) const;
    // The next (direction > 0) or previous reachable match after `from` (kNoSpan: from the start
    // or the end), wrapping around; kNoSpan when there is none. The order is the trace's
    // depth-first order (the waterfall's rows with everything expanded), for every view.
    uint32_t matchAfter(uint32_t from, int direction) const;
    // Reveals the next or previous match after the selection; false when none is reachable.
    bool stepMatch(int direction);

    // Hidden services by string index (1 = hidden; empty = all shown). docs/DECISIONS.md, "Hiding
    // a service": a hidden service's spans are not shown, their other descendants are.
    void setHiddenServices(std::vector<uint8_t> hidden);
    const std::vector<uint8_t>& hiddenServices() const { return m_hiddenServices; }
    bool isServiceHidden(uint32_t serviceString) const;
    bool isSpanHidden(uint32_t span) const;
    // Per span, 1 when shown under the filter; empty when nothing is hidden.
    const std::vector<uint8_t>& shownSpans() const { return m_shown; }
    size_t hiddenSpanCount() const { return m_hiddenSpans; }
    // Services of this trace that are hidden (the string table also holds operation names).
    size_t hiddenServiceCount() const { return m_hiddenServiceCount; }
    void hideService(uint32_t serviceString);
    void showOnlyService(uint32_t serviceString);
    void showAllServices();

    // The visible time range, shared by every time-based view (waterfall, flame chart).
    const TimeWindow& window() const { return m_window; }
    void setWindow(const TimeWindow& window);

signals:
    void analysisChanged();
    void selectionChanged(uint32_t span);
    void revealRequested(uint32_t span);
    void hoverChanged(uint32_t span);
    void matchesChanged();
    void hiddenServicesChanged();
    void windowChanged();

private:
    void rebuildMatchOrder();

    std::shared_ptr<const TraceAnalysis> m_analysis;
    uint32_t m_selected = kNoSpan;
    uint32_t m_hovered = kNoSpan;
    std::vector<uint8_t> m_matches;
    std::vector<uint8_t> m_undimmed;
    std::vector<uint32_t> m_matchOrder; // preorder indexes of the reachable matches, ascending
    size_t m_matchTotal = 0;
    std::vector<uint8_t> m_hiddenServices;
    std::vector<uint8_t> m_shown;
    size_t m_hiddenSpans = 0;
    size_t m_hiddenServiceCount = 0;
    TimeWindow m_window;
};

} // namespace spanscope
