// SPDX-License-Identifier: MIT
#include "TraceWriter.h"

namespace spanscope {

namespace {

constexpr std::pair<OutputFormat, const char*> kNames[] = {
    {OutputFormat::OtlpJson, "otlp-json"},     {OutputFormat::OtlpProto, "otlp-proto"},
    {OutputFormat::JaegerJson, "jaeger-json"}, {OutputFormat::ZipkinJson, "zipkin-json"},
    {OutputFormat::Canonical, "canonical"},
};

} // namespace

const char* outputFormatName(OutputFormat format)
{
    for (const auto& [value, name] : kNames) {
        if (value == format)
            return name;
    }
    return "unknown";
}

std::optional<OutputFormat> outputFormatFromName(std::string_view name)
{
    for (const auto& [value, text] : kNames) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

std::unique_ptr<TraceWriter> makeTraceWriter(OutputFormat format, std::ostream& out)
{
    switch (format) {
    case OutputFormat::OtlpJson:
        return makeOtlpJsonWriter(out);
    case OutputFormat::OtlpProto:
        return makeOtlpProtoWriter(out);
    case OutputFormat::JaegerJson:
        return makeJaegerJsonWriter(out);
    case OutputFormat::ZipkinJson:
        return makeZipkinJsonWriter(out);
    case OutputFormat::Canonical:
        return makeCanonicalJsonWriter(out);
    }
    return nullptr;
}

} // namespace spanscope
