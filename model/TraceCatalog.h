// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"
#include "Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spanscope {

// A trace of the workspace as the lookups by id see it.
struct TraceRef
{
    int64_t row = 0; // the traces table's id: what TraceLoader loads
    int64_t source = 0;
    TraceId id;
};

// What an import left in the workspace, as a cached import reports it again.
struct StoredImport
{
    std::string format;
    std::string variant;
    uint64_t spans = 0;
    uint64_t traces = 0;
    uint64_t warningCount = 0;
    struct Warning
    {
        std::string location; // "12:5" or "byte 40"; empty when the warning has no place
        std::string message;
    };
    std::vector<Warning> warnings; // the first ones, as stored
};

// The workspace's sources and traces by id: the lookups the window and the commands make, so
// that no SQL is written outside model/. Bound parameters only.
class TraceCatalog
{
public:
    explicit TraceCatalog(sql::Database& db) : m_db(db) {}

    // Every source, in import order.
    std::vector<int64_t> sourceIds();
    // Those of `sources` that still exist, in the given order (a re-import replaces a source).
    std::vector<int64_t> existingSources(const std::vector<int64_t>& sources);
    // The source a trace belongs to; 0 when the trace is gone.
    int64_t sourceOfTrace(int64_t traceRow);
    // Every trace with this id, in any source.
    std::vector<TraceRef> tracesWithId(const TraceId& traceId);
    // A source's traces that hold spans, earliest first.
    std::vector<TraceRef> tracesOfSource(int64_t source);
    // The summary and the stored warnings of one import.
    std::optional<StoredImport> storedImport(int64_t source);

private:
    sql::Database& m_db;
};

} // namespace spanscope
