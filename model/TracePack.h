// SPDX-License-Identifier: MIT
#pragma once

#include "TraceData.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace spanscope {

// A trace's arrays stored as one blob (table trace_packs), so that opening a trace reads one blob
// instead of a million rows. The pack is derived data: if it is missing or of an older format, it
// is rebuilt from the spans table (docs/ARCHITECTURE.md, "Trace packs").
//
//   header  := "SPK1", u32 spanCount, u32 stringCount, u32 stringBytes, u32 resourceCount
//   strings := u32 offsets[stringCount + 1], bytes[stringBytes]
//   resources := (i64 rowId, u32 service, u32 host) * resourceCount
//   arrays  := i64 start[n], i64 end[n], u64 spanId[n], u64 parent[n], i64 rowId[n],
//              u32 service[n], u32 name[n], u32 resource[n], u8 kind[n], u8 status[n], u32 flags[n]
//
// Little-endian machine layout: a pack is a cache of this machine's workspace, and a pack that does
// not check out (wrong sizes, indexes out of range) is rebuilt.
namespace TracePack {

constexpr int kFormat = 1;

std::string encode(const TraceData& trace);

// Reads `size` bytes at `offset` of the stored blob into `out`; false on failure. Lets the decoder
// read straight into the arrays (SQLite incremental blob I/O) without a copy of the whole blob.
using BlobReader = std::function<bool(void* out, size_t size, size_t offset)>;

// Fills trace (keeping traceRow and traceId) from a pack of blobSize bytes; nullopt-like false on
// anything inconsistent.
bool decode(const BlobReader& read, size_t blobSize, TraceData& trace);
bool decode(std::string_view blob, TraceData& trace);

} // namespace TracePack

} // namespace spanscope
