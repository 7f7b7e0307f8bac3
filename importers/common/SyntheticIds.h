// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanRecord.h"

#include <cstdint>
#include <string>

namespace spanscope {

// Ids for spans whose file leaves the trace id or the span id empty (or all zeros, which OTLP and
// W3C define as "no id"), as the OpenTelemetry specification's own file-exporter example does
// (docs/FORMATS.md, "Spans without ids"). Such a span keeps everything else; it gets:
//   - trace id: one synthetic trace for all such spans of the file, derived from the first of
//     them (name and times), so the same file always gives the same id;
//   - span id: derived from the trace id and the span's position among the file's spans that
//     needed one;
// and the flag SpanFlag::SyntheticId (the mark `synthetic_id`). The import adds one summarised
// warning (summary()). A span with neither ids nor a name nor a start time has nothing to show
// and is not given ids: fill() returns false and the importer skips it with a warning.
class SyntheticIds
{
public:
    // Fills in what is missing: an invalid (zero) trace id, a span id of 0. Returns false when the
    // span needs ids but has nothing to show.
    bool fill(SpanRecord& span, bool hasStart);

    // A span that takes the ids another span was given (the second half of a Zipkin v1 record):
    // the same ids and flag, counted in the summary like the first.
    void share(SpanRecord& span, const SpanRecord& first);

    uint64_t spansWithSyntheticTrace() const { return m_traces; }
    uint64_t spansWithSyntheticSpanId() const { return m_spans; }
    // The import's one warning about them; empty when no span needed an id.
    std::string summary() const;

private:
    TraceId m_trace;
    uint64_t m_traces = 0;
    uint64_t m_spans = 0;
};

} // namespace spanscope
