// SPDX-License-Identifier: MIT
#pragma once

#include "ZipkinRecord.h"

#include <span>
#include <string>
#include <vector>

namespace spanscope {

// Converts one Zipkin v1 record into spans of the v2 model, as Zipkin's own V1SpanConverter does
// (docs/FORMAT-REFERENCE.md §7), each record on its own:
//  - the core annotations give kind and timing: cs/cr CLIENT, sr/ss SERVER, ms PRODUCER,
//    mr CONSUMER; ws/wr refine messaging times; other annotations become events;
//  - spans are grouped by the service name of the annotations' endpoints: a record holding both
//    sides of an RPC (cs, sr, ss, cr) gives a CLIENT span and a SERVER span with the same id,
//    the server marked shared, timed by sr/ss;
//  - a record without "timestamp" that has sr is the server half of a shared span;
//  - binaryAnnotations with string values are tags; ca/sa/ma (true, or "1" from old
//    zipkin-ruby) name the remote endpoint; an empty "lc" is dropped.
// Records of the same id are never merged here: the span tree pairs a CLIENT and a SERVER of one
// id (layout/SpanTree.cpp).
class ZipkinV1Conversion
{
public:
    // One record with many service names must not become thousands of spans.
    static constexpr size_t kMaxSpansPerRecord = 32;

    // The spans point into `record` and into this object until the next call.
    std::span<const ZipkinSpan> convert(const ZipkinRecord& record, std::vector<std::string>& notes);

private:
    size_t forEndpoint(const ZipkinEndpoint* endpoint);
    size_t newSpan(const ZipkinEndpoint* endpoint);
    bool closeEnough(ZipkinSpan& span, const ZipkinEndpoint& endpoint);
    void processAnnotations();
    void processBinaryAnnotations();
    void handleIncompleteRpc();
    void maybeTimestampDuration(const ZipkinAnnotation& begin, const ZipkinAnnotation* end);
    bool endReflectsSpanDuration(const ZipkinAnnotation* end) const;
    static void putTag(ZipkinSpan& span, std::string_view key, std::string_view value);

    const ZipkinRecord* m_record = nullptr;
    std::vector<ZipkinSpan> m_spans; // [0] is Zipkin's "first" builder; reused between calls
    std::vector<bool> m_hasLocal;
    size_t m_count = 0;
    bool m_capped = false;
    const ZipkinAnnotation* m_cs = nullptr;
    const ZipkinAnnotation* m_sr = nullptr;
    const ZipkinAnnotation* m_ss = nullptr;
    const ZipkinAnnotation* m_cr = nullptr;
    const ZipkinAnnotation* m_ms = nullptr;
    const ZipkinAnnotation* m_mr = nullptr;
    const ZipkinAnnotation* m_ws = nullptr;
    const ZipkinAnnotation* m_wr = nullptr;
    ZipkinAnnotation m_syntheticCs;
    ZipkinAnnotation m_syntheticSr;
};

} // namespace spanscope
