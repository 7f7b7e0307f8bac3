// SPDX-License-Identifier: MIT
#include "TraceExport.h"

#include "TraceWriter.h"
#include "model/SpanDetails.h"

#include <vector>

namespace spanscope {

namespace {

// Collects consecutive spans of the same trace and hands each complete trace to the writer.
class TraceBatcher
{
public:
    explicit TraceBatcher(TraceWriter& writer) : m_writer(writer) {}

    bool add(const SpanDetails& span)
    {
        if (!m_spans.empty() && span.traceId != m_spans.front().traceId)
            flush();
        m_spans.push_back(span);
        ++m_count;
        return true;
    }

    uint64_t finish()
    {
        flush();
        return m_count;
    }

private:
    void flush()
    {
        if (!m_spans.empty())
            m_writer.writeTrace(m_spans);
        m_spans.clear();
    }

    TraceWriter& m_writer;
    std::vector<SpanDetails> m_spans;
    uint64_t m_count = 0;
};

} // namespace

uint64_t exportSource(sql::Database& db, int64_t sourceId, TraceWriter& writer)
{
    TraceBatcher batcher(writer);
    // Trace by trace in trace id order, each in start order: one pass over the source's spans.
    SpanDetailsReader(db).forEachSpanOfSource(sourceId,
                                              [&](const SpanDetails& span) { return batcher.add(span); });
    return batcher.finish();
}

uint64_t exportTrace(sql::Database& db, int64_t traceRow, TraceWriter& writer)
{
    TraceBatcher batcher(writer);
    SpanDetailsReader(db).forEachSpan(traceRow, [&](const SpanDetails& span) { return batcher.add(span); });
    return batcher.finish();
}

} // namespace spanscope
