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
    m_matchOrder.clear();
    m_matchTotal = 0;
    m_hiddenServices.clear();
    m_shown.clear();
    m_hiddenSpans = 0;
    m_hiddenServiceCount = 0;
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

void TraceViewState::revealSpan(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    selectSpan(span);
    TimeWindow window = m_window;
    if (window.ensureVisible(m_analysis->times.start[span], m_analysis->times.end[span]))
        setWindow(window);
    emit revealRequested(span);
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

void TraceViewState::setWindow(const TimeWindow& window)
{
    if (window == m_window)
        return;
    m_window = window;
    emit windowChanged();
}

} // namespace spanscope
