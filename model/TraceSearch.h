// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"
#include "TraceData.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace spanscope {

struct SearchQuery
{
    std::string text;
    bool regex = false;
    bool caseSensitive = false;
    bool inAttributes = true; // also match attribute keys and values (read from the workspace)
};

struct SearchResult
{
    std::vector<uint8_t> matches; // per span of the trace: 1 = matches
    uint32_t matchCount = 0;
    std::string error; // an invalid regular expression
};

// Finds the spans of a loaded trace whose service, operation or (optionally) attribute keys and
// values contain the text. Names are matched once per distinct string, attributes by one pass
// over the trace's rows; the query text is matched, never put into SQL.
SearchResult searchTrace(sql::Database& db, const TraceData& trace, const SearchQuery& query,
                         const std::atomic<bool>* cancel = nullptr);

} // namespace spanscope
