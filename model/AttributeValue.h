// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string_view>

namespace spanscope {

// The value types of OTLP's AnyValue. Every format maps into these; nothing is flattened to text.
enum class ValueType : uint8_t
{
    Empty = 0,
    String = 1,
    Bool = 2,
    Int = 3,
    Double = 4,
    Array = 5,
    KeyValueList = 6,
    Bytes = 7,
};

const char* valueTypeName(ValueType type);

// A decoded view of one encoded value. Strings, bytes and nested containers point into the
// encoded buffer, which must outlive the view.
struct ValueView
{
    ValueType type = ValueType::Empty;
    bool boolValue = false;
    int64_t intValue = 0;
    double doubleValue = 0;
    std::string_view text;     // String and Bytes
    std::string_view nested;   // Array and KeyValueList: the encoded elements
    uint32_t elementCount = 0; // Array and KeyValueList
};

} // namespace spanscope
