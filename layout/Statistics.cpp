// SPDX-License-Identifier: MIT
#include "Statistics.h"

#include "IdIndex.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace spanscope {

namespace {

constexpr uint32_t kNoGroup = UINT32_MAX;

// Every span's group under one key: group ids in order of first appearance in tree order, the
// spans without the key in a last group of their own.
struct Grouping
{
    std::vector<uint32_t> groupOf; // per span
    std::vector<std::string> names;
    uint32_t without = kNoGroup; // the "without KEY" group, if any span lacks the key
};

Grouping groupSpans(const TraceData& trace, const SpanTree& tree, const StatisticsKey& key)
{
    Grouping grouping;
    grouping.groupOf.assign(trace.size(), kNoGroup);
    // Spans name their value by an index into a string table; equal texts may have several
    // indexes, so each index is resolved to a group by text once, then reused.
    const bool byAttribute = key.kind == StatisticsKey::Kind::Attribute;
    const StringTable& strings = byAttribute ? key.column->values : trace.strings;
    std::vector<uint32_t> groupOfString(strings.size(), kNoGroup);
    std::unordered_map<std::string_view, uint32_t> groupOfText;
    bool anyWithout = false;
    for (const uint32_t span : tree.preorder) {
        uint32_t index = 0;
        switch (key.kind) {
        case StatisticsKey::Kind::Service:
            index = trace.service[span];
            break;
        case StatisticsKey::Kind::Operation:
            index = trace.name[span];
            break;
        case StatisticsKey::Kind::Attribute:
            index = span < key.column->value.size() ? key.column->value[span] : AttributeColumn::kMissing;
            // Like Jaeger, an empty value counts as no value.
            if (index == AttributeColumn::kMissing || strings.at(index).empty()) {
                anyWithout = true;
                continue;
            }
            break;
        }
        if (index >= groupOfString.size())
            index = 0; // a name outside the table reads as "" (StringTable::at does the same)
        uint32_t& group = groupOfString[index];
        if (group == kNoGroup) {
            const std::string_view text = strings.at(index);
            group = groupOfText.emplace(text, uint32_t(grouping.names.size())).first->second;
            if (group == grouping.names.size())
                grouping.names.emplace_back(text);
        }
        grouping.groupOf[span] = group;
    }
    if (anyWithout) {
        grouping.without = uint32_t(grouping.names.size());
        grouping.names.push_back("without " + key.attribute);
        for (uint32_t& group : grouping.groupOf) {
            if (group == kNoGroup)
                group = grouping.without;
        }
    }
    return grouping;
}

// IdIndex's hash suits random span ids; structured keys (two small counters side by side) would
// cluster in its linear probing. This bijection (splitmix64's finaliser) spreads them first.
uint64_t spread(uint64_t key)
{
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ull;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebull;
    return key ^ (key >> 31);
}

struct Accumulator
{
    uint32_t count = 0;
    int64_t total = 0;
    int64_t min = std::numeric_limits<int64_t>::max();
    int64_t max = 0;
    int64_t selfTotal = 0;
    int64_t selfMin = std::numeric_limits<int64_t>::max();
    int64_t selfMax = 0;

    void add(int64_t duration, int64_t self)
    {
        ++count;
        total += duration;
        min = std::min(min, duration);
        max = std::max(max, duration);
        selfTotal += self;
        selfMin = std::min(selfMin, self);
        selfMax = std::max(selfMax, self);
    }
};

StatisticsRow makeRow(std::string name, bool hasValue, const Accumulator& acc, int64_t traceDuration)
{
    StatisticsRow row;
    row.name = std::move(name);
    row.hasValue = hasValue;
    row.count = acc.count;
    if (acc.count == 0)
        return row;
    row.total = acc.total;
    row.avg = double(acc.total) / acc.count;
    row.min = acc.min;
    row.max = acc.max;
    row.selfTotal = acc.selfTotal;
    row.selfAvg = double(acc.selfTotal) / acc.count;
    row.selfMin = acc.selfMin;
    row.selfMax = acc.selfMax;
    row.selfPercent = traceDuration > 0 ? double(acc.selfTotal) * 100.0 / double(traceDuration) : 0.0;
    return row;
}

} // namespace

std::string StatisticsKey::label() const
{
    switch (kind) {
    case Kind::Service:
        return "service";
    case Kind::Operation:
        return "operation";
    case Kind::Attribute:
        return attribute;
    }
    return {};
}

TraceStatistics computeStatistics(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                                  const std::vector<int64_t>& selfTimes, const StatisticsKey& key,
                                  const StatisticsKey* subKey)
{
    TraceStatistics result;
    result.traceDuration = times.traceDuration();
    const Grouping groups = groupSpans(trace, tree, key);
    std::vector<Accumulator> totals(groups.names.size());
    for (uint32_t span = 0; span < trace.size(); ++span)
        totals[groups.groupOf[span]].add(times.duration(span), selfTimes[span]);
    for (uint32_t group = 0; group < groups.names.size(); ++group)
        result.rows.push_back(
            makeRow(groups.names[group], group != groups.without, totals[group], result.traceDuration));
    if (!subKey)
        return result;

    // Sub-rows: one per (group, sub-group) pair, in order of first appearance in tree order.
    const Grouping subGroups = groupSpans(trace, tree, *subKey);
    IdIndex pairIndex(std::min<size_t>(trace.size(), groups.names.size() * subGroups.names.size()));
    std::vector<std::pair<uint32_t, uint32_t>> pairs; // (group, sub-group)
    std::vector<Accumulator> pairTotals;
    std::vector<uint32_t> pairOf(trace.size());
    for (const uint32_t span : tree.preorder) {
        const uint64_t pairKey = (uint64_t(groups.groupOf[span]) << 32) | subGroups.groupOf[span];
        const auto next = uint32_t(pairs.size());
        pairOf[span] = pairIndex.insertFirst(spread(pairKey), next);
        if (pairOf[span] == next) {
            pairs.emplace_back(groups.groupOf[span], subGroups.groupOf[span]);
            pairTotals.emplace_back();
        }
    }
    for (uint32_t span = 0; span < trace.size(); ++span)
        pairTotals[pairOf[span]].add(times.duration(span), selfTimes[span]);
    // Rows of spans without the sub-key come last within their group, as Jaeger shows them.
    for (const bool withoutRows : {false, true}) {
        for (uint32_t p = 0; p < pairs.size(); ++p) {
            const auto [group, sub] = pairs[p];
            if ((sub == subGroups.without) != withoutRows)
                continue;
            result.rows[group].subRows.push_back(
                makeRow(subGroups.names[sub], sub != subGroups.without, pairTotals[p], result.traceDuration));
        }
    }
    return result;
}

} // namespace spanscope
