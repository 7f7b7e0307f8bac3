// SPDX-License-Identifier: MIT
#pragma once

#include "TraceData.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace spanscope::TracePack {

constexpr int kFormat = 1;

std::string encode(const TraceData& trace);

// Reads `size` bytes at `offset` of the stored blob into `out`; false on failure. Lets the decoder
// read straight into the arrays (SQLite incremental blob I/O) without a copy of the whole blob.
using BlobReader = std::function<bool(void* out, size_t size, size_t offset)>;

// Fills trace (keeping traceRow and traceId) from a pack of blobSize bytes; nullopt-like false on
// anything inconsistent.
bool decode(const BlobReader& read, size_t blobSize, TraceData& trace);
bool decode(std::string_view blob, TraceData& trace);

} // namespace spanscope::TracePack
