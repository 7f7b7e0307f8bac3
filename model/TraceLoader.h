// SPDX-License-Identifier: MIT
#pragma once

#include "Result.h"
#include "Sqlite.h"
#include "TraceData.h"

#include <atomic>
#include <string>
#include <string_view>

namespace spanscope {

// Reads one trace from the workspace into compact arrays for the layout engine.
class TraceLoader
{
public:
    explicit TraceLoader(sql::Database& db) : m_db(db) {}

    Result<TraceData> load(int64_t traceRow, const std::atomic<bool>* cancel = nullptr);

private:
    sql::Database& m_db;
};

// The key the clock-skew adjustment groups a resource's spans by (analysis.md): host.id, else
// host.ip, else host.name, then the names Jaeger processes and Zipkin endpoints use. Empty if none.
std::string hostKeyOf(std::string_view resourceAttributes);

} // namespace spanscope
