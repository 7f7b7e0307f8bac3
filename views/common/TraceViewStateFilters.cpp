// SPDX-License-Identifier: MIT
// What the shared state picks out of a trace: find's matches (dimming, the walk from match to
// match in depth-first order, "3 of 9") and the service filter (docs/DECISIONS.md, "Hiding a
// service").
#include "TraceViewState.h"

#include <algorithm>

namespace spanscope {

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
    rebuildMatchOrder();
    emit matchesChanged();
}

void TraceViewState::rebuildMatchOrder()
{
    // The matches a jump can land on: those that are shown, so not those of hidden services.
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

size_t TraceViewState::matchPosition(uint32_t span) const
{
    if (!m_analysis || span >= m_matches.size() || !m_matches[span] || (!m_shown.empty() && !m_shown[span]))
        return 0;
    const uint32_t k = m_analysis->tree.preorderIndex[span];
    return size_t(std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), k) - m_matchOrder.begin()) + 1;
}

uint32_t TraceViewState::matchAfter(uint32_t from, int direction) const
{
    if (m_matchOrder.empty())
        return kNoSpan;
    const SpanTree& tree = m_analysis->tree;
    size_t next = 0;
    if (from >= tree.preorderIndex.size()) {
        next = direction > 0 ? 0 : m_matchOrder.size() - 1;
    } else {
        const uint32_t k = tree.preorderIndex[from];
        if (direction > 0) {
            const auto it = std::upper_bound(m_matchOrder.begin(), m_matchOrder.end(), k);
            next = it == m_matchOrder.end() ? 0 : size_t(it - m_matchOrder.begin());
        } else {
            const auto it = std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), k);
            next =
                it == m_matchOrder.begin() ? m_matchOrder.size() - 1 : size_t(it - m_matchOrder.begin()) - 1;
        }
    }
    return tree.preorder[m_matchOrder[next]];
}

bool TraceViewState::stepMatch(int direction)
{
    const uint32_t next = matchAfter(m_selected, direction);
    if (next == kNoSpan)
        return false;
    revealSpan(next);
    return true;
}

void TraceViewState::setHiddenServices(std::vector<uint8_t> hidden)
{
    if (!m_analysis || std::find(hidden.begin(), hidden.end(), uint8_t(1)) == hidden.end())
        hidden.clear();
    if (hidden == m_hiddenServices)
        return;
    m_hiddenServices = std::move(hidden);
    m_shown.clear();
    m_hiddenSpans = 0;
    m_hiddenServiceCount = 0;
    if (!m_hiddenServices.empty()) {
        const TraceData& data = m_analysis->data;
        m_shown.assign(data.size(), 1);
        std::vector<uint8_t> seen(m_hiddenServices.size(), 0);
        for (size_t i = 0; i < data.size(); ++i) {
            const uint32_t service = data.service[i];
            if (!isServiceHidden(service))
                continue;
            m_shown[i] = 0;
            ++m_hiddenSpans;
            if (!seen[service]) {
                seen[service] = 1;
                ++m_hiddenServiceCount;
            }
        }
    }
    rebuildMatchOrder();
    emit hiddenServicesChanged();
}

bool TraceViewState::isServiceHidden(uint32_t serviceString) const
{
    return serviceString < m_hiddenServices.size() && m_hiddenServices[serviceString];
}

bool TraceViewState::isSpanHidden(uint32_t span) const
{
    return span < m_shown.size() && !m_shown[span];
}

void TraceViewState::hideService(uint32_t serviceString)
{
    if (!m_analysis)
        return;
    std::vector<uint8_t> hidden = m_hiddenServices;
    hidden.resize(m_analysis->data.strings.size(), 0);
    if (serviceString < hidden.size())
        hidden[serviceString] = 1;
    setHiddenServices(std::move(hidden));
}

void TraceViewState::showOnlyService(uint32_t serviceString)
{
    if (!m_analysis)
        return;
    std::vector<uint8_t> hidden(m_analysis->data.strings.size(), 0);
    for (uint32_t service : m_analysis->data.service)
        hidden[service] = service != serviceString ? 1 : 0;
    setHiddenServices(std::move(hidden));
}

void TraceViewState::showAllServices()
{
    setHiddenServices({});
}

} // namespace spanscope
