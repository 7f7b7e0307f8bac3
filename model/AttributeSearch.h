// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace spanscope {

// SQL functions over attribute blobs, registered on every workspace connection:
//   attr_text(attrs, key)  the display text of the first attribute named key, or NULL
// They let queries filter and group by any attribute key with bound parameters only.
void registerAttributeFunctions(sql::Database& db);

// Rows (spans.id) of spans with an attribute key whose value reads as valueText, in one source
// (sourceId > 0) or the whole workspace; at most limit rows (0: no limit). A scan of the blobs:
// measured against an indexed one-row-per-attribute layout in docs/PERFORMANCE.md.
std::vector<int64_t> findSpansWithAttribute(sql::Database& db, int64_t sourceId, std::string_view key,
                                            std::string_view valueText, size_t limit);

} // namespace spanscope
