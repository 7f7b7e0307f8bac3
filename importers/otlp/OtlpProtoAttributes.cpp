// SPDX-License-Identifier: MIT
// Typed attributes from the wire: KeyValue and AnyValue (nested arrays and kvlists) into the
// attribute blobs, with the nesting limit, and the string repair shared by every OTLP field.
#include "OtlpProtoElements.h"
#include "model/ImportLimits.h"
#include "model/Utf8.h"

#include <algorithm>
#include <cstring>

namespace spanscope {

using proto::Field;
using proto::MessageReader;
using proto::WireType;

namespace {

constexpr uint32_t kMaxStoredDepth = 200;

bool isAscii(std::string_view text)
{
    const char* p = text.data();
    size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t word = 0;
        std::memcpy(&word, p, 8);
        if (word & 0x8080808080808080ull)
            return false;
    }
    for (; n > 0; ++p, --n) {
        if (uint8_t(*p) & 0x80)
            return false;
    }
    return true;
}

} // namespace

// Proto3 requires valid UTF-8 in strings, but files are untrusted: repair as the JSON importer
// does, so no invalid sequence reaches the workspace.
std::string_view OtlpProtoElements::text(std::string_view raw)
{
    if (isAscii(raw) || isValidUtf8(raw))
        return raw;
    if (m_repaired.empty())
        m_notes.emplace_back("invalid UTF-8 replaced with U+FFFD");
    m_repaired.push_back(sanitizedUtf8(raw));
    return m_repaired.back();
}

template<class Encoder>
void OtlpProtoElements::addAnyValue(Encoder& encoder, std::string_view key, const Field& value, int depth)
{
    // Never deeper than attribute blobs can be read back (AttributeCodec stops at 256 levels),
    // whatever the setting: a deeper value would be stored but unreadable (and cost stack).
    const uint32_t limit = std::min<uint32_t>(m_limits.maxNestingDepth, kMaxStoredDepth);
    if (depth > int(limit))
        proto::failAt(value.offset, "attribute values nested deeper than " + std::to_string(limit) +
                                        " levels (the nesting limit)");
    MessageReader reader(value.bytes, value.dataOffset, "AnyValue");
    Field field;
    Field chosen;
    bool have = false;
    while (reader.next(field)) {
        switch (field.number) {
        case 1:
        case 5:
        case 6:
        case 7:
            reader.expect(field, WireType::Length, "value");
            break;
        case 2:
        case 3:
        case 8:
            reader.expect(field, WireType::Varint, "value");
            break;
        case 4:
            reader.expect(field, WireType::Fixed64, "double_value");
            break;
        default:
            continue; // unknown fields are ignored, as OTLP requires
        }
        chosen = field; // a oneof: the last value wins, as when protobuf merges
        have = true;
    }
    if (!have) {
        encoder.addEmpty(key);
        return;
    }
    switch (chosen.number) {
    case 1:
        encoder.addString(key, text(chosen.bytes));
        return;
    case 2:
        encoder.addBool(key, chosen.value != 0);
        return;
    case 3:
        encoder.addInt(key, int64_t(chosen.value));
        return;
    case 4: {
        double number = 0;
        std::memcpy(&number, &chosen.value, 8);
        encoder.addDouble(key, number);
        return;
    }
    case 5:
    case 6: {
        const bool withKeys = chosen.number == 6;
        ValueListEncoder list(withKeys);
        MessageReader elements(chosen.bytes, chosen.dataOffset, withKeys ? "KeyValueList" : "ArrayValue");
        Field element;
        while (elements.next(element)) {
            if (element.number != 1)
                continue;
            elements.expect(element, WireType::Length, "values");
            if (withKeys)
                addKeyValue(list, element, depth + 1);
            else
                addAnyValue(list, {}, element, depth + 1);
        }
        encoder.addEncoded(key, list.type(), list.count(), list.data());
        return;
    }
    case 7:
        encoder.addBytes(key, chosen.bytes);
        return;
    default:
        // string_value_strindex points into a profiles dictionary that trace files do not have.
        if (!m_strindexSeen)
            m_notes.emplace_back("a string_value_strindex value (profiles only) read as empty");
        m_strindexSeen = true;
        encoder.addEmpty(key);
        return;
    }
}

template<class Encoder>
void OtlpProtoElements::addKeyValue(Encoder& encoder, const Field& keyValue, int depth)
{
    MessageReader reader(keyValue.bytes, keyValue.dataOffset, "KeyValue");
    std::string_view key;
    Field value;
    bool haveValue = false;
    Field field;
    while (reader.next(field)) {
        if (field.number == 1) {
            reader.expect(field, WireType::Length, "key");
            key = text(field.bytes);
        } else if (field.number == 2) {
            reader.expect(field, WireType::Length, "value");
            value = field;
            haveValue = true;
        }
    }
    if (haveValue)
        addAnyValue(encoder, key, value, depth);
    else
        encoder.addEmpty(key);
}

void OtlpProtoElements::readAttributes(AttributeEncoder& encoder, const Field& keyValue)
{
    addKeyValue(encoder, keyValue, 1);
}

} // namespace spanscope
