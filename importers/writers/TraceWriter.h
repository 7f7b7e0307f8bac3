// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanDetails.h"

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

namespace spanscope {

// What `spanscope convert` writes, plus the canonical span dump of `spanscope spans --json`.
enum class OutputFormat
{
    OtlpJson,
    OtlpProto,
    JaegerJson,
    ZipkinJson,
    Canonical,
};

// "otlp-json", "otlp-proto", "jaeger-json", "zipkin-json", "canonical".
const char* outputFormatName(OutputFormat format);
std::optional<OutputFormat> outputFormatFromName(std::string_view name);

// Writes spans in a file format, streaming: it is handed one trace at a time and holds at most
// that trace, never the file. What each format cannot carry is listed in docs/FORMATS.md,
// "Conversion". Text from trace files is written as data, never interpreted; invalid UTF-8 is
// replaced by U+FFFD in JSON output.
class TraceWriter
{
public:
    virtual ~TraceWriter() = default;
    // All spans of one trace (one trace id), in the order the workspace gives (start order).
    virtual void writeTrace(std::span<const SpanDetails> spans) = 0;
    // Completes the document. Without it the output is not a valid file.
    virtual void finish() = 0;
};

std::unique_ptr<TraceWriter> makeTraceWriter(OutputFormat format, std::ostream& out);

std::unique_ptr<TraceWriter> makeOtlpJsonWriter(std::ostream& out);
std::unique_ptr<TraceWriter> makeOtlpProtoWriter(std::ostream& out);
std::unique_ptr<TraceWriter> makeJaegerJsonWriter(std::ostream& out);
std::unique_ptr<TraceWriter> makeZipkinJsonWriter(std::ostream& out);
std::unique_ptr<TraceWriter> makeCanonicalJsonWriter(std::ostream& out);

} // namespace spanscope
