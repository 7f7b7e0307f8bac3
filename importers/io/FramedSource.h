// SPDX-License-Identifier: MIT
#pragma once

#include "ByteSource.h"

#include <string_view>

namespace spanscope {

// The Collector's file exporter writes `format: proto` (and zstd-compressed JSON) as a sequence
// of frames: a 4-byte big-endian length, then that many bytes of message (docs/FORMAT-REFERENCE.md §4).
bool looksFramed(std::string_view head);

// Unwraps the frames into one stream: zstd-compressed frames are decompressed, JSON frames are
// separated by newlines (so they read as JSON Lines), protobuf frames are concatenated (which
// protobuf defines as merging: one TracesData with every frame's resource spans).
std::unique_ptr<ByteSource> framedSource(std::unique_ptr<ByteSource> source, const ImportLimits& limits);

} // namespace spanscope
