// SPDX-License-Identifier: MIT
#pragma once

#include "SpanTimes.h"
#include "SpanTree.h"
#include "model/AttributeColumn.h"
#include "model/TraceData.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spanscope {

// What spans are grouped by: their service, their operation, or an attribute's value (read by the
// caller with readAttributeColumn(); layout does no SQL).
struct StatisticsKey
{
    enum class Kind
    {
        Service,
        Operation,
        Attribute
    };
    Kind kind = Kind::Service;
    std::string attribute;                   // Attribute: the key, for the "without KEY" row
    const AttributeColumn* column = nullptr; // Attribute: the value of every span

    static StatisticsKey service() { return {}; }
    static StatisticsKey operation() { return {Kind::Operation, {}, nullptr}; }
    static StatisticsKey byAttribute(std::string key, const AttributeColumn& values)
    {
        return {Kind::Attribute, std::move(key), &values};
    }
    // "service", "operation", or the attribute key.
    std::string label() const;
};

// One row of Jaeger's trace statistics table. Times in ns.
struct StatisticsRow
{
    std::string name;     // the group's value; for the "without KEY" row, "without KEY"
    bool hasValue = true; // false for the row of spans without the key (Jaeger: "Without Attribute")
    uint32_t count = 0;
    int64_t total = 0;
    double avg = 0;
    int64_t min = 0;
    int64_t max = 0;
    int64_t selfTotal = 0;
    double selfAvg = 0;
    int64_t selfMin = 0;
    int64_t selfMax = 0;
    // selfTotal as a percentage of the trace's duration (end of the last span minus start of the
    // first). Jaeger computes this number too; its tooltip calls it something else.
    double selfPercent = 0;
    std::vector<StatisticsRow> subRows; // by the sub-group key, when one is given
};

struct TraceStatistics
{
    int64_t traceDuration = 0;
    std::vector<StatisticsRow> rows; // in order of first appearance (tree order); "without" last
};

// Groups every span by key (and each group by subKey when given) and fills Jaeger's columns.
// selfTimes comes from computeSelfTimes(). O(n) (O(n) hash look-ups with a sub-group).
TraceStatistics computeStatistics(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                                  const std::vector<int64_t>& selfTimes, const StatisticsKey& key,
                                  const StatisticsKey* subKey = nullptr);

} // namespace spanscope
