// SPDX-License-Identifier: MIT
// What the waterfall picks out of a trace: find's matches (dimming, the walk from match to match
// in depth-first order, "3 of 9") and the service filter (docs/DECISIONS.md, "Hiding a service").
#include "WaterfallView.h"

#include <algorithm>

namespace spanscope {

void WaterfallView::setMatches(std::vector<uint8_t> matches)
{
    m_matches = std::move(matches);
    m_undimmed.clear();
    m_matchOrder.clear();
    if (m_analysis && m_matches.size() == m_analysis->data.size()) {
        // Ancestors of matches stay readable: the path to a match is part of the answer.
        const SpanTree& tree = m_analysis->tree;
        m_undimmed = m_matches;
        for (size_t k = tree.preorder.size(); k-- > 0;) {
            const uint32_t span = tree.preorder[k];
            if (m_undimmed[span] && tree.parent[span] != SpanTree::kNone)
                m_undimmed[tree.parent[span]] = 1;
        }
    } else {
        m_matches.clear();
    }
    rebuildMatchOrder();
    invalidate();
    emit matchPositionChanged();
}

void WaterfallView::rebuildMatchOrder()
{
    // The matches a jump can land on: those with a row, so not those of hidden services.
    m_matchOrder.clear();
    m_matchTotal = 0;
    if (m_matches.empty())
        return;
    const SpanTree& tree = m_analysis->tree;
    for (uint32_t k = 0; k < tree.preorder.size(); ++k) {
        const uint32_t span = tree.preorder[k];
        if (!m_matches[span])
            continue;
        ++m_matchTotal;
        if (m_shown.empty() || m_shown[span])
            m_matchOrder.push_back(k);
    }
}

size_t WaterfallView::matchPosition() const
{
    if (m_selected == WaterfallScene::kNoSpan || m_matches.empty() || !m_matches[m_selected] ||
        (!m_shown.empty() && !m_shown[m_selected]))
        return 0;
    const uint32_t k = m_analysis->tree.preorderIndex[m_selected];
    return size_t(std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), k) - m_matchOrder.begin()) + 1;
}

void WaterfallView::setHiddenServices(std::vector<uint8_t> hidden)
{
    m_hiddenServices = std::move(hidden);
    m_shown.clear();
    m_hiddenSpans = 0;
    if (m_analysis && std::count(m_hiddenServices.begin(), m_hiddenServices.end(), uint8_t(1)) > 0) {
        const TraceData& data = m_analysis->data;
        m_shown.assign(data.size(), 1);
        for (size_t i = 0; i < data.size(); ++i) {
            if (isServiceHidden(data.service[i])) {
                m_shown[i] = 0;
                ++m_hiddenSpans;
            }
        }
    } else {
        m_hiddenServices.clear();
    }
    rebuildMatchOrder();
    rebuildRows();
    emit serviceFilterChanged();
}

bool WaterfallView::isServiceHidden(uint32_t serviceString) const
{
    return serviceString < m_hiddenServices.size() && m_hiddenServices[serviceString];
}

size_t WaterfallView::hiddenServiceCount() const
{
    // Only services that have spans in this trace count (the table also holds operation names).
    if (!m_analysis || m_hiddenServices.empty())
        return 0;
    std::vector<uint8_t> seen(m_hiddenServices.size(), 0);
    size_t count = 0;
    for (uint32_t service : m_analysis->data.service) {
        if (isServiceHidden(service) && !seen[service]) {
            seen[service] = 1;
            ++count;
        }
    }
    return count;
}

void WaterfallView::hideService(uint32_t serviceString)
{
    if (!m_analysis)
        return;
    std::vector<uint8_t> hidden = m_hiddenServices;
    hidden.resize(m_analysis->data.strings.size(), 0);
    if (serviceString < hidden.size())
        hidden[serviceString] = 1;
    setHiddenServices(std::move(hidden));
}

void WaterfallView::showOnlyService(uint32_t serviceString)
{
    if (!m_analysis)
        return;
    std::vector<uint8_t> hidden(m_analysis->data.strings.size(), 0);
    for (uint32_t service : m_analysis->data.service)
        hidden[service] = service != serviceString ? 1 : 0;
    setHiddenServices(std::move(hidden));
}

void WaterfallView::showAllServices()
{
    setHiddenServices({});
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
    if (m_matchOrder.empty()) {
        emit findStepRequested(direction);
        return;
    }
    // Depth-first order from the selection: matches inside collapsed subtrees count too (revealing
    // one expands its ancestors), and the walk wraps around.
    const SpanTree& tree = m_analysis->tree;
    size_t next = 0;
    if (m_selected == WaterfallScene::kNoSpan) {
        next = direction > 0 ? 0 : m_matchOrder.size() - 1;
    } else {
        const uint32_t k = tree.preorderIndex[m_selected];
        if (direction > 0) {
            const auto it = std::upper_bound(m_matchOrder.begin(), m_matchOrder.end(), k);
            next = it == m_matchOrder.end() ? 0 : size_t(it - m_matchOrder.begin());
        } else {
            const auto it = std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), k);
            next =
                it == m_matchOrder.begin() ? m_matchOrder.size() - 1 : size_t(it - m_matchOrder.begin()) - 1;
        }
    }
    revealSpan(tree.preorder[m_matchOrder[next]]);
}

} // namespace spanscope
