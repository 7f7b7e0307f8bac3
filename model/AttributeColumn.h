// SPDX-License-Identifier: MIT
#pragma once

#include "StringTable.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace spanscope {

// One attribute's value for every span of a loaded trace, as display text: what the statistics
// (group by KEY) and the service graph (peer.service) need from attributes, which TraceData does
// not hold. Values are stored once each; spans refer to them by index. Plain data: the layout
// uses it; model/AttributeColumnReader fills it from the workspace.
struct AttributeColumn
{
    static constexpr uint32_t kMissing = UINT32_MAX;

    std::vector<uint32_t> value; // per span (TraceData order): index into values, or kMissing
    StringTable values;

    bool has(uint32_t span) const { return value[span] != kMissing; }
    std::string_view at(uint32_t span) const
    {
        return has(span) ? values.at(value[span]) : std::string_view{};
    }
    // For tests and in-memory traces: sets one span's value.
    void set(uint32_t span, std::string_view text);
};

// Fills a column, storing each distinct value once (a column of a million spans may hold a
// handful of values).
class AttributeColumnBuilder
{
public:
    explicit AttributeColumnBuilder(AttributeColumn& column);
    void set(uint32_t span, std::string_view text) { m_column.value[span] = intern(text); }

private:
    uint32_t intern(std::string_view text);

    AttributeColumn& m_column;
    std::unordered_map<std::string, uint32_t> m_index;
};

enum class AttributeScope
{
    Span,           // the span's own attributes only
    SpanOrResource, // else its resource's (so that resource keys such as host.name group spans too)
};

// The keys whose value names the service a CLIENT or PRODUCER span calls, best first: the service
// graph's edges to databases, queues and other uninstrumented peers (docs/ANALYSIS.md).
const std::vector<std::string>& peerServiceKeys();

} // namespace spanscope
