// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spanscope::bench {

struct GeneratorOptions
{
    uint64_t spans = 1000; // in total, over all traces
    uint64_t traces = 1;   // spans are split evenly
    uint64_t seed = 1;
    uint32_t services = 20;
    double errorRate = 0.01;               // spans with status ERROR (and an exception event)
    double orphanRate = 0.0;               // spans whose parent id names a span that is not in the file
    double eventRate = 0.05;               // spans with a log event
    int64_t startNs = 1773480000000000000; // 2026-03-14
};

struct GeneratedAttribute
{
    enum class Type
    {
        String,
        Int,
        Double,
        Bool
    } type;
    const char* key;
    std::string text;
    int64_t intValue = 0;
    double doubleValue = 0;
    bool boolValue = false;
};

struct GeneratedEvent
{
    int64_t timeNs;
    std::string name;
    std::vector<GeneratedAttribute> attributes;
};

struct GeneratedSpan
{
    uint64_t traceHigh = 0;
    uint64_t traceLow = 0;
    uint64_t spanId = 0;
    uint64_t parentSpanId = 0;
    uint32_t service = 0;
    std::string name;
    int kind = 1; // OTLP SpanKind
    int64_t startNs = 0;
    int64_t endNs = 0;
    bool error = false;
    std::vector<GeneratedAttribute> attributes;
    std::vector<GeneratedEvent> events;
};

// Realistic, deterministic traces: a gateway calls services (CLIENT span in the caller, SERVER
// span in the callee), services call databases and caches, do internal work, sometimes in
// parallel, sometimes in sequence; about six attributes per span of mixed types; errors with
// exception events; optional orphans. The same options always give the same spans, in depth-first
// order per trace. Memory: O(depth) plus one span, whatever the number of spans.
class TraceGenerator
{
public:
    explicit TraceGenerator(const GeneratorOptions& options);

    // Calls sink for every span; returns false from sink to stop.
    void run(const std::function<bool(const GeneratedSpan&)>& sink);

    static std::string serviceName(uint32_t index);

private:
    uint64_t next();
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    uint64_t below(uint64_t n) { return n ? next() % n : 0; }
    void generateTrace(uint64_t traceIndex, uint64_t spanCount,
                       const std::function<bool(const GeneratedSpan&)>& sink, bool& stop);
    void fillAttributes(GeneratedSpan& span, bool database, bool server);

    GeneratorOptions m_options;
    uint64_t m_state;
};

} // namespace spanscope::bench
