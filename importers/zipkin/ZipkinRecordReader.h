// SPDX-License-Identifier: MIT
#pragma once

#include "ZipkinRecord.h"
#include "importers/common/FieldRetry.h"
#include "importers/json/SimdjsonValues.h"

#include <deque>
#include <string>
#include <vector>

namespace spanscope {

struct ImportLimits;

// Reads one captured Zipkin span object, v1 or v2, with simdjson on-demand into a ZipkinRecord
// (whose texts stay valid until the next parse). Follows Zipkin's own readers: lower- or
// upper-case hex ids left-padded when short, µs as integers or floats ("1.463737111294e+15"),
// tag values that are numbers keep their JSON text, negative Thrift-style ports are unsigned.
//
// A field of the wrong JSON type is dropped with a note and the span kept; a missing or invalid
// traceId or id skips the span (ElementError). Syntax errors and invalid UTF-8 are left to
// parseElement().
class ZipkinRecordReader
{
public:
    explicit ZipkinRecordReader(const ImportLimits& limits);

    void parse(std::string_view json, size_t capacity, ZipkinRecord& record);
    const std::vector<std::string>& notes() const { return m_notes; }

private:
    void parseOnce(std::string_view json, size_t capacity, ZipkinRecord& record);
    void readEndpoint(ondemand::value value, ZipkinEndpoint& endpoint);
    void readAnnotations(ondemand::value array, ZipkinRecord& record);
    void readTags(ondemand::value object, ZipkinRecord& record);
    void readBinaryAnnotations(ondemand::value array, ZipkinRecord& record);
    int64_t readMicros(ondemand::value value, const char* field);
    // A JSON value as tag text: strings as they are, anything else as its JSON.
    std::string_view valueText(ondemand::value value);
    std::string_view own(std::string_view text);

    const ImportLimits& m_limits;
    ondemand::parser m_parser;
    std::deque<std::string> m_owned; // texts that must outlive the input buffer
    std::vector<std::string> m_notes;
    FieldRetry m_retry;
};

} // namespace spanscope
