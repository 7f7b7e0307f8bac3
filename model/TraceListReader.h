// SPDX-License-Identifier: MIT
#pragma once

#include "Ids.h"
#include "Sqlite.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spanscope {

// A trace's summary as the trace list and `spanscope info` show it.
struct TraceSummary
{
    int64_t traceRow = 0;
    int64_t sourceId = 0;
    TraceId traceId;
    int64_t startNs = 0;
    int64_t endNs = 0;
    int64_t spanCount = 0;
    int64_t serviceCount = 0;
    int64_t errorCount = 0;
    int64_t orphanCount = 0; // spans whose parent is missing; > 0 means the trace is incomplete
    std::string rootService;
    std::string rootName;
    std::string sourcePath; // the file the trace was imported from

    int64_t durationNs() const { return endNs - startNs; }
    bool isIncomplete() const { return orphanCount > 0; }
};

struct TraceQuery
{
    enum class SortKey
    {
        Start,
        Duration,
        Spans,
        Errors,
        Services,
        RootService,
        RootName,
        TraceId,
        File
    };

    std::vector<int64_t> sources; // empty: every source in the workspace
    // Case-insensitive substring of the root service or operation, or a prefix of the trace id.
    // Always bound as a parameter; LIKE wildcards in it are matched literally.
    std::string filter;
    bool errorsOnly = false;
    SortKey sort = SortKey::Start;
    bool descending = false;
    int64_t limit = -1; // -1: all
    int64_t offset = 0;
};

// Reads trace summaries: sorted, filtered and paged in SQL, so a workspace with a hundred thousand
// traces lists as fast as one with ten.
class TraceListReader
{
public:
    explicit TraceListReader(sql::Database& db) : m_db(db) {}

    std::vector<TraceSummary> list(const TraceQuery& query);
    int64_t count(const TraceQuery& query);
    // Where the trace stands in the query's order (0 = first; limit and offset ignored), or -1
    // when the query does not list it: so a list paged from the top can reach it in one read.
    int64_t position(const TraceQuery& query, int64_t traceRow);
    // The first trace of one source in the query's order (filters and sort kept), or 0 if the
    // query lists none of its traces.
    int64_t firstTraceOf(const TraceQuery& query, int64_t sourceId);

private:
    std::string whereClause(const TraceQuery& query) const;
    // Binds the WHERE clause's parameters; returns the next free parameter index.
    int bindWhere(sql::Statement& statement, const TraceQuery& query) const;

    sql::Database& m_db;
};

} // namespace spanscope
