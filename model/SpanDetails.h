// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"
#include "Result.h"
#include "SpanRecord.h"
#include "Sqlite.h"

#include <functional>
#include <string>
#include <vector>

namespace spanscope {

struct SpanEvent
{
    int64_t timeNs = 0;
    std::string name;
    std::string attributes; // AttributeEncoder blob
    uint32_t droppedAttributes = 0;
};

struct SpanLink
{
    TraceId traceId;
    uint64_t spanId = 0;
    std::string traceState;
    LinkType type = LinkType::Link;
    uint32_t flags = 0;
    std::string attributes;
    uint32_t droppedAttributes = 0;
};

// Everything about one span, read on demand when it is selected (or dumped by `spanscope spans`).
struct SpanDetails
{
    int64_t rowId = 0;
    TraceId traceId;
    uint64_t spanId = 0;
    uint64_t parentSpanId = 0;
    std::string service;
    std::string name;
    SpanKind kind = SpanKind::Unspecified;
    int64_t startNs = 0;
    int64_t endNs = 0;
    StatusCode status = StatusCode::Unset;
    std::string statusMessage;
    uint32_t flags = 0;
    uint32_t w3cFlags = 0;
    std::string traceState;
    std::string attributes;
    uint32_t droppedAttributes = 0;
    uint32_t droppedEvents = 0;
    uint32_t droppedLinks = 0;
    int64_t resourceRow = 0;
    std::string resourceAttributes;
    std::string scopeName;
    std::string scopeVersion;
    std::string scopeAttributes;
    std::vector<SpanEvent> events;
    std::vector<SpanLink> links;
};

class SpanDetailsReader
{
public:
    explicit SpanDetailsReader(sql::Database& db);

    Result<SpanDetails> read(int64_t spanRow);
    // Every span of a trace in start order (ties: file order), for dumps and conversion. The
    // callback returns false to stop.
    void forEachSpan(int64_t traceRow, const std::function<bool(const SpanDetails&)>& callback);
    // Every span of a source, trace by trace (ordered by trace id), each trace in start order: one
    // pass for dumps and conversion of whole files.
    void forEachSpanOfSource(int64_t sourceId, const std::function<bool(const SpanDetails&)>& callback);

private:
    void fill(sql::Statement& row, SpanDetails& details);

    sql::Database& m_db;
    sql::Statement m_events;
    sql::Statement m_links;
};

} // namespace spanscope
