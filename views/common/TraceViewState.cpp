// SPDX-License-Identifier: MIT
#include "TraceViewState.h"

namespace spanscope {

TraceViewState::TraceViewState(QObject* parent) : QObject(parent) {}

void TraceViewState::setAnalysis(std::shared_ptr<const TraceAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_selected = kNoSpan;
    m_hovered = kNoSpan;
    m_matches.clear();
    m_undimmed.clear();
    m_hiddenServices.clear();
    m_window =
        m_analysis ? TimeWindow(m_analysis->times.traceStart, m_analysis->times.traceEnd) : TimeWindow();
    emit analysisChanged();
}

void TraceViewState::selectSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        span = kNoSpan;
    if (span == m_selected)
        return;
    m_selected = span;
    emit selectionChanged(span);
}

void TraceViewState::hoverSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        span = kNoSpan;
    if (span == m_hovered)
        return;
    m_hovered = span;
    emit hoverChanged(span);
}

void TraceViewState::setMatches(std::vector<uint8_t> matches)
{
    if (!m_analysis || matches.size() != m_analysis->data.size())
        matches.clear();
    if (matches == m_matches)
        return;
    m_matches = std::move(matches);
    m_undimmed = m_matches;
    if (!m_undimmed.empty()) {
        // Children come after their parents in preorder: one backward pass lifts every ancestor.
        const SpanTree& tree = m_analysis->tree;
        for (size_t k = tree.preorder.size(); k-- > 0;) {
            const uint32_t span = tree.preorder[k];
            if (m_undimmed[span] && tree.parent[span] != SpanTree::kNone)
                m_undimmed[tree.parent[span]] = 1;
        }
    }
    emit matchesChanged();
}

void TraceViewState::setHiddenServices(std::vector<uint8_t> hidden)
{
    if (std::find(hidden.begin(), hidden.end(), uint8_t(1)) == hidden.end())
        hidden.clear();
    if (hidden == m_hiddenServices)
        return;
    m_hiddenServices = std::move(hidden);
    emit hiddenServicesChanged();
}

bool TraceViewState::isServiceHidden(uint32_t serviceString) const
{
    return serviceString < m_hiddenServices.size() && m_hiddenServices[serviceString];
}

bool TraceViewState::isSpanHidden(uint32_t span) const
{
    return m_analysis && span < m_analysis->data.size() && isServiceHidden(m_analysis->data.service[span]);
}

void TraceViewState::setWindow(const TimeWindow& window)
{
    if (window == m_window)
        return;
    m_window = window;
    emit windowChanged();
}

} // namespace spanscope
