// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spanscope {

// A 128-bit trace id as two 64-bit halves. Ids are numbers inside Spanscope; hex is for display and
// export only. A 64-bit trace id (Jaeger, old Zipkin) has high == 0, so "00000000000000ab" and
// "000000000000000000000000000000ab" are the same trace.
struct TraceId
{
    uint64_t high = 0;
    uint64_t low = 0;

    bool isValid() const { return high != 0 || low != 0; }
    bool operator==(const TraceId& other) const { return high == other.high && low == other.low; }
    bool operator!=(const TraceId& other) const { return !(*this == other); }
    bool operator<(const TraceId& other) const
    {
        return high != other.high ? high < other.high : low < other.low;
    }
};

struct TraceIdHash
{
    size_t operator()(const TraceId& id) const noexcept { return id.low ^ (id.high * 0x9E3779B97F4A7C15ull); }
};

// Parses 1..16 hex digits (any case). Shorter ids are left-padded, as Jaeger and Zipkin do.
std::optional<uint64_t> parseHex64(std::string_view text);
// Parses 1..32 hex digits (any case) into a trace id.
std::optional<TraceId> parseHex128(std::string_view text);

// 16 lower-case hex digits.
std::string toHex64(uint64_t id);
// 32 lower-case hex digits: the OTLP form, used for every trace id we print.
std::string toHex128(const TraceId& id);

// A stable 64-bit hash for ids that are not hex at all (Jaeger UI fixtures use "span-1").
uint64_t hashId64(std::string_view text);

} // namespace spanscope
