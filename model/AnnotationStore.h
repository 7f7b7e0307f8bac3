// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"
#include "Result.h"
#include "Sqlite.h"

#include <optional>
#include <string>
#include <vector>

namespace spanscope {

// A note the user pinned to a span or to a time range of a trace. Keyed by trace id and span id,
// not by workspace rows, so notes survive re-importing a changed file.
struct Annotation
{
    int64_t id = 0;
    TraceId traceId;
    std::optional<uint64_t> spanId; // empty: a note on [startNs, endNs] of the trace
    int64_t startNs = 0;
    int64_t endNs = 0;
    std::string text;
    std::string color;
    int64_t createdMs = 0;
    int64_t updatedMs = 0;
};

// Reads and writes annotations. Every change is its own committed transaction on a connection in
// synchronous=FULL mode: once a call returns, the note survives a crash or a power cut.
class AnnotationStore
{
public:
    explicit AnnotationStore(sql::Database& db) : m_db(db) {}

    Result<int64_t> add(const Annotation& annotation);
    Result<bool> update(int64_t id, const std::string& text, const std::string& color);
    Result<bool> remove(int64_t id);
    std::vector<Annotation> forTrace(const TraceId& traceId);
    int64_t count();

private:
    template<class F>
    Result<bool> write(F&& body);

    sql::Database& m_db;
};

} // namespace spanscope
