// SPDX-License-Identifier: MIT
#pragma once

#include "importers/json/SimdjsonValues.h"
#include "model/AttributeValue.h"

#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

class AttributeEncoder;

// One Jaeger KeyValue (a span tag, a log field, a process tag), decoded to one of our value types.
// Text views point into the simdjson document or the captured JSON and are valid only while the
// element is being parsed: callers encode the value at once or copy what they keep.
struct JaegerTag
{
    std::string_view key;
    ValueType type = ValueType::Empty;
    std::string_view text; // String, Bytes (decoded)
    bool boolValue = false;
    int64_t intValue = 0;
    double doubleValue = 0;
};

// Reads KeyValues in both Jaeger JSON spellings (docs/FORMAT-REFERENCE.md §5):
//  - query API / UI: {"key","type":"string|bool|int64|float64|binary","value"}; producers write
//    int64 above 2^53 as JSON strings and bools as "true", so the value is read by its declared
//    type, not its JSON type;
//  - api_v2 protobuf-JSON: {"key","vType":"INT64","vInt64":"42"}, where proto3 omits defaults
//    (no vType = STRING, no vStr = "").
// A value that does not fit its declared type is kept as text with a note, never dropped.
class JaegerTagReader
{
public:
    // False (with a note) when the element has no usable key; the tag is then skipped.
    bool read(ondemand::value element, JaegerTag& tag, std::vector<std::string>& notes);
    // Whether the last tag read used the api_v2 spelling.
    bool lastWasApiV2() const { return m_apiV2; }

    static void encode(AttributeEncoder& encoder, const JaegerTag& tag);
    // Jaeger UI's rule for the `error` tag, widened to every truthy value (docs/ANALYSIS.md, "Errors"):
    // true, a non-zero number, a string other than "", "false" and "0".
    static bool isTruthy(const JaegerTag& tag);

private:
    void decode(ondemand::value value, std::string_view declared, JaegerTag& tag,
                std::vector<std::string>& notes);
    void decodeText(std::string_view text, std::string_view declared, JaegerTag& tag,
                    std::vector<std::string>& notes);
    void decodeNumber(std::string_view raw, std::string_view declared, JaegerTag& tag,
                      std::vector<std::string>& notes);

    std::string m_bytes; // the decoded value of a binary tag
    bool m_apiV2 = false;
};

} // namespace spanscope
