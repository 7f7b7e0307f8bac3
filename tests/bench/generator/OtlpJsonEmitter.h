// SPDX-License-Identifier: MIT
#pragma once

#include "TraceGenerator.h"

#include <cstdio>
#include <string>
#include <vector>

namespace spanscope::bench {

// Writes generated spans as OTLP JSON the way the Collector's file exporter does: batches of spans
// grouped into one ResourceSpans per service, compact JSON, hex ids, integer enums, int64 as
// strings. One document (`{"resourceSpans":[...]}`) or JSON Lines (one TracesData per batch).
class OtlpJsonEmitter
{
public:
    OtlpJsonEmitter(std::FILE* out, bool jsonLines, size_t batchSize = 1000);
    ~OtlpJsonEmitter();

    void add(const GeneratedSpan& span);
    void finish();
    uint64_t bytesWritten() const { return m_written; }

private:
    void flushBatch();
    void writeSpan(std::string& out, const GeneratedSpan& span);

    std::FILE* m_out;
    bool m_jsonLines;
    size_t m_batchSize;
    std::vector<GeneratedSpan> m_batch;
    bool m_firstResource = true;
    bool m_finished = false;
    uint64_t m_written = 0;
    std::string m_buffer;
};

} // namespace spanscope::bench
