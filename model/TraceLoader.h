// SPDX-License-Identifier: MIT
#pragma once

#include "Result.h"
#include "Sqlite.h"
#include "TraceData.h"

#include <atomic>
#include <string>
#include <string_view>

namespace spanscope {

// Reads one trace from the workspace into compact arrays for the layout engine: its pack (one
// blob, read straight into the arrays), or, when the pack is missing or stale (a workspace from an
// older version), the spans table, after which the pack is stored for next time.
class TraceLoader
{
public:
    explicit TraceLoader(sql::Database& db) : m_db(db) {}

    Result<TraceData> load(int64_t traceRow, const std::atomic<bool>* cancel = nullptr);
    // Whether the last load() came from a pack (for tests and benchmarks).
    bool lastLoadUsedPack() const { return m_usedPack; }

private:
    bool loadPack(TraceData& trace);
    Result<TraceData> rebuild(int64_t traceRow, const TraceId& traceId, const std::atomic<bool>* cancel);

    sql::Database& m_db;
    bool m_usedPack = false;
};

// The key the clock-skew adjustment groups a resource's spans by (docs/ANALYSIS.md): host.id, else
// host.ip, else host.name, then the names Jaeger processes and Zipkin endpoints use. Empty if none.
std::string hostKeyOf(std::string_view resourceAttributes);

} // namespace spanscope
