// SPDX-License-Identifier: MIT
#include "SyntheticIds.h"

#include <string_view>

namespace spanscope {

namespace {

// FNV-1a over the bytes of a few values: stable across runs and platforms.
class Fnv
{
public:
    explicit Fnv(uint64_t seed) : m_hash(0xcbf29ce484222325ull ^ seed) {}
    Fnv& add(std::string_view bytes)
    {
        for (const unsigned char c : bytes) {
            m_hash ^= c;
            m_hash *= 0x100000001b3ull;
        }
        return *this;
    }
    Fnv& add(uint64_t value)
    {
        for (int shift = 0; shift < 64; shift += 8) {
            m_hash ^= (value >> shift) & 0xFF;
            m_hash *= 0x100000001b3ull;
        }
        return *this;
    }
    uint64_t value() const { return m_hash == 0 ? 1 : m_hash; }

private:
    uint64_t m_hash;
};

} // namespace

bool SyntheticIds::fill(SpanRecord& span, bool hasStart)
{
    const bool needTrace = !span.traceId.isValid();
    const bool needSpan = span.spanId == 0;
    if (!needTrace && !needSpan)
        return true;
    if (span.name.empty() && !hasStart)
        return false;
    if (needTrace) {
        if (!m_trace.isValid()) {
            // The first span without a trace id names the file's synthetic trace.
            const auto start = uint64_t(span.startNs);
            const auto end = uint64_t(span.endNs);
            m_trace.high = Fnv(1).add("spanscope synthetic trace").add(span.name).add(start).add(end).value();
            m_trace.low = Fnv(2).add("spanscope synthetic trace").add(span.name).add(start).add(end).value();
        }
        span.traceId = m_trace;
        ++m_traces;
    }
    if (needSpan) {
        ++m_spans;
        span.spanId = Fnv(3).add(span.traceId.high).add(span.traceId.low).add(m_spans).value();
    }
    span.flags |= SpanFlag::SyntheticId;
    return true;
}

void SyntheticIds::share(SpanRecord& span, const SpanRecord& first)
{
    m_traces += !span.traceId.isValid() ? 1 : 0;
    m_spans += span.spanId == 0 ? 1 : 0;
    span.traceId = first.traceId;
    span.spanId = first.spanId;
    span.flags |= first.flags & SpanFlag::SyntheticId;
}

std::string SyntheticIds::summary() const
{
    if (m_traces == 0 && m_spans == 0)
        return {};
    std::string text;
    if (m_traces > 0)
        text = std::to_string(m_traces) + " span(s) without a trace id were put in one synthetic trace";
    if (m_spans > 0) {
        if (!text.empty())
            text += "; ";
        text += std::to_string(m_spans) + " span(s) without a span id were given synthetic span ids";
    }
    return text + " (marked synthetic_id)";
}

} // namespace spanscope
