// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"
#include "SpanRecord.h"
#include "StringTable.h"

#include <cstdint>
#include <vector>

namespace spanscope {

// A resource (process, service instance) as a loaded trace needs it: its service and the host key
// the clock-skew adjustment groups spans by (docs/ANALYSIS.md).
struct TraceResource
{
    int64_t rowId = 0;
    uint32_t service = 0; // index into TraceData::strings
    uint32_t host = 0;    // index into TraceData::strings; 0 = unknown host
};

// One trace in memory as a structure of arrays: what the layout engine works on. Spans are in
// start order (ties: the order they were read in), index i describes the same span in every array.
// There is no heap object per span; names are indexes into one string table.
struct TraceData
{
    int64_t traceRow = 0; // traces.id in the workspace
    TraceId traceId;
    StringTable strings;

    std::vector<int64_t> startNs;
    std::vector<int64_t> endNs;
    std::vector<uint64_t> spanId;
    std::vector<uint64_t> parentSpanId; // 0 = root
    std::vector<int64_t> rowId;         // spans.id, to fetch attributes, events and links on demand
    std::vector<uint32_t> service;      // string index
    std::vector<uint32_t> name;         // string index
    std::vector<uint32_t> resource;     // index into resources
    std::vector<SpanKind> kind;
    std::vector<StatusCode> status;
    std::vector<uint32_t> flags; // SpanFlag
    std::vector<TraceResource> resources;

    size_t size() const { return startNs.size(); }
    void reserve(size_t count);
    void resize(size_t count);
    // Memory held, for the performance notes and the status bar.
    size_t byteSize() const;
};

} // namespace spanscope
