// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace spanscope {

class TraceWriter;

namespace sql {
class Database;
}

// Feeds a writer from the workspace, one trace at a time (memory holds one trace, never the file):
// every trace of an imported source in ascending trace id order, or a single trace. The writer is
// not finished. Returns the number of spans written.
uint64_t exportSource(sql::Database& db, int64_t sourceId, TraceWriter& writer);
uint64_t exportTrace(sql::Database& db, int64_t traceRow, TraceWriter& writer);

} // namespace spanscope
