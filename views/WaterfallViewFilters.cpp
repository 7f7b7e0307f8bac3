// SPDX-License-Identifier: MIT
// What the waterfall asks of the shared state for find and the service filter: the walk from
// match to match, and hiding services (docs/DECISIONS.md, "Hiding a service"). The matches, the
// order of the walk and the filter itself are the state's (views/common/TraceViewState).
#include "WaterfallView.h"

namespace spanscope {

void WaterfallView::hideService(uint32_t serviceString)
{
    m_state->hideService(serviceString);
}

void WaterfallView::showOnlyService(uint32_t serviceString)
{
    m_state->showOnlyService(serviceString);
}

void WaterfallView::showAllServices()
{
    m_state->showAllServices();
}

void WaterfallView::nextMatch()
{
    stepMatch(+1);
}

void WaterfallView::previousMatch()
{
    stepMatch(-1);
}

void WaterfallView::stepMatch(int direction)
{
    if (!m_analysis)
        return;
    // Depth-first order from the selection: matches inside collapsed subtrees count too (revealing
    // one expands its ancestors), and the walk wraps around. With none to reach (the find bar was
    // closed), the trace area searches again.
    if (!m_state->stepMatch(direction))
        emit findStepRequested(direction);
}

} // namespace spanscope
