// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace spanscope {

enum class TraceFormat
{
    Unknown,
    OtlpJson,
    OtlpProtobuf,
    JaegerJson,
    ZipkinJson
};

// "otlp-json", "otlp-proto", "jaeger-json", "zipkin-json".
const char* formatId(TraceFormat format);

struct SniffResult
{
    TraceFormat format = TraceFormat::Unknown;
    bool jsonLines = false; // one JSON value per line: read line by line, a bad line is skipped
    std::string problem;    // why the content is not a trace file, for the error message
};

// Decides the format from the content, never from the file name (docs/FORMAT-REFERENCE.md §8). `head` is the
// start of the decompressed, de-framed stream; `complete` says whether it is all of it.
SniffResult sniffFormat(std::string_view head, bool complete);

} // namespace spanscope
