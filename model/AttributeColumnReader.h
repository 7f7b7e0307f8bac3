// SPDX-License-Identifier: MIT
#pragma once

#include "AttributeColumn.h"
#include "Result.h"
#include "Sqlite.h"
#include "TraceData.h"

#include <atomic>
#include <string>
#include <vector>

namespace spanscope {

// Reads, for every span of trace, the value of the first of keys it has, as valueToDisplayText()
// shows it. The SQL uses bound parameters only.
Result<AttributeColumn> readAttributeColumn(sql::Database& db, const TraceData& trace,
                                            const std::vector<std::string>& keys,
                                            AttributeScope scope = AttributeScope::SpanOrResource,
                                            const std::atomic<bool>* cancel = nullptr);

} // namespace spanscope
