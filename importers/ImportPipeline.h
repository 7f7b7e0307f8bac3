// SPDX-License-Identifier: MIT
#pragma once

#include "FormatSniffer.h"
#include "model/ImportLimits.h"
#include "model/SpanSink.h"

#include <functional>
#include <memory>
#include <string>

namespace spanscope {

class ByteSource;

struct StreamInfo
{
    TraceFormat format = TraceFormat::Unknown;
    std::string variant; // "JSON Lines, length-framed, zstd", ...
    uint64_t spans = 0;
};

// The import without the workspace: decompress, unframe, sniff, and run the right importer into
// any sink. The workspace import, the tests and the fuzzers all go through here.
// Throws ImportFailure (bad input) or ImportCancelled (from onRead).
StreamInfo importStream(std::unique_ptr<ByteSource> source, SpanSink& sink, const ImportLimits& limits,
                        const std::function<void()>& onRead = {});

} // namespace spanscope
