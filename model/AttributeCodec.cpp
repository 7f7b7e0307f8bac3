// SPDX-License-Identifier: MIT
#include "AttributeCodec.h"

#include "ImportLimits.h"
#include "Utf8.h"

#include <QByteArray>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace spanscope {

namespace {

// Containers nest at most this deep in a blob; the importers' nesting limit is lower still.
constexpr int kMaxDecodeDepth = 256;

void putVarint(std::string& out, uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(char(uint8_t(value) | 0x80));
        value >>= 7;
    }
    out.push_back(char(value));
}

void putText(std::string& out, std::string_view text)
{
    putVarint(out, text.size());
    out.append(text);
}

uint64_t zigzag(int64_t value)
{
    return (uint64_t(value) << 1) ^ uint64_t(value >> 63);
}

int64_t unzigzag(uint64_t value)
{
    return int64_t(value >> 1) ^ -int64_t(value & 1);
}

void putDouble(std::string& out, double value)
{
    char bytes[8];
    std::memcpy(bytes, &value, 8);
    out.append(bytes, 8);
}

void putScalarString(std::string& out, ValueType type, std::string_view value)
{
    out.push_back(char(type));
    putText(out, value);
}

void appendJsonString(std::string& out, std::string_view text)
{
    out += '"';
    for (char c : sanitizedUtf8(text)) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uint8_t(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uint8_t(c)));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Compact JSON for containers in the details view; scalars inside use the same forms as the
// display text of a top-level value.
void appendDisplayJson(std::string& out, const ValueView& value, int depth)
{
    if (depth > kMaxDecodeDepth)
        return;
    switch (value.type) {
    case ValueType::String:
        appendJsonString(out, value.text);
        return;
    case ValueType::Array:
    case ValueType::KeyValueList: {
        const bool object = value.type == ValueType::KeyValueList;
        out += object ? '{' : '[';
        auto reader = AttributeReader::elements(value);
        std::string_view key;
        ValueView element;
        bool first = true;
        while (reader.next(key, element)) {
            if (!first)
                out += ',';
            first = false;
            if (object) {
                appendJsonString(out, key);
                out += ':';
            }
            appendDisplayJson(out, element, depth + 1);
        }
        out += object ? '}' : ']';
        return;
    }
    case ValueType::Empty:
        out += "null";
        return;
    case ValueType::Bytes:
        appendJsonString(out, base64Encode(value.text));
        return;
    default:
        out += scalarText(value);
        return;
    }
}

} // namespace

const char* valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::Empty:
        return "empty";
    case ValueType::String:
        return "string";
    case ValueType::Bool:
        return "bool";
    case ValueType::Int:
        return "int";
    case ValueType::Double:
        return "double";
    case ValueType::Array:
        return "array";
    case ValueType::KeyValueList:
        return "kvlist";
    case ValueType::Bytes:
        return "bytes";
    }
    return "empty";
}

// ---- AttributeEncoder -------------------------------------------------------------------------

bool AttributeEncoder::beginEntry(std::string_view key)
{
    if (m_limits && m_count >= m_limits->maxAttributesPerOwner) {
        ++m_dropped;
        return false;
    }
    ++m_count;
    putText(m_buffer, key);
    return true;
}

void AttributeEncoder::appendText(std::string_view value)
{
    if (m_limits && value.size() > m_limits->maxValueBytes) {
        ++m_truncated;
        std::string cut(utf8Prefix(value, m_limits->maxValueBytes));
        cut += "\xE2\x80\xA6[truncated from " + std::to_string(value.size()) + " bytes]";
        putText(m_buffer, cut);
        return;
    }
    putText(m_buffer, value);
}

void AttributeEncoder::addString(std::string_view key, std::string_view value)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::String));
    appendText(value);
}

void AttributeEncoder::addBytes(std::string_view key, std::string_view value)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::Bytes));
    appendText(value);
}

void AttributeEncoder::addBool(std::string_view key, bool value)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::Bool));
    m_buffer.push_back(value ? 1 : 0);
}

void AttributeEncoder::addInt(std::string_view key, int64_t value)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::Int));
    putVarint(m_buffer, zigzag(value));
}

void AttributeEncoder::addDouble(std::string_view key, double value)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::Double));
    putDouble(m_buffer, value);
}

void AttributeEncoder::addEmpty(std::string_view key)
{
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(ValueType::Empty));
}

void AttributeEncoder::addEncoded(std::string_view key, ValueType type, uint32_t elementCount,
                                  std::string_view elements)
{
    if (m_limits && elements.size() > m_limits->maxValueBytes) {
        // A container too big to keep becomes a marker string: better a visible cut than a
        // silently half-kept structure.
        ++m_truncated;
        addString(key, "\xE2\x80\xA6[" + std::string(valueTypeName(type)) + " of " +
                           std::to_string(elements.size()) + " bytes truncated]");
        return;
    }
    if (!beginEntry(key))
        return;
    m_buffer.push_back(char(type));
    putVarint(m_buffer, elementCount);
    m_buffer.append(elements);
}

// ---- ValueListEncoder -------------------------------------------------------------------------

void ValueListEncoder::beginEntry(std::string_view key)
{
    ++m_count;
    if (m_withKeys)
        putText(m_buffer, key);
}

void ValueListEncoder::addString(std::string_view key, std::string_view value)
{
    beginEntry(key);
    putScalarString(m_buffer, ValueType::String, value);
}

void ValueListEncoder::addBytes(std::string_view key, std::string_view value)
{
    beginEntry(key);
    putScalarString(m_buffer, ValueType::Bytes, value);
}

void ValueListEncoder::addBool(std::string_view key, bool value)
{
    beginEntry(key);
    m_buffer.push_back(char(ValueType::Bool));
    m_buffer.push_back(value ? 1 : 0);
}

void ValueListEncoder::addInt(std::string_view key, int64_t value)
{
    beginEntry(key);
    m_buffer.push_back(char(ValueType::Int));
    putVarint(m_buffer, zigzag(value));
}

void ValueListEncoder::addDouble(std::string_view key, double value)
{
    beginEntry(key);
    m_buffer.push_back(char(ValueType::Double));
    putDouble(m_buffer, value);
}

void ValueListEncoder::addEmpty(std::string_view key)
{
    beginEntry(key);
    m_buffer.push_back(char(ValueType::Empty));
}

void ValueListEncoder::addEncoded(std::string_view key, ValueType type, uint32_t elementCount,
                                  std::string_view elements)
{
    beginEntry(key);
    m_buffer.push_back(char(type));
    putVarint(m_buffer, elementCount);
    m_buffer.append(elements);
}

// ---- AttributeReader --------------------------------------------------------------------------

AttributeReader AttributeReader::elements(const ValueView& container)
{
    return AttributeReader(container.nested, container.type == ValueType::KeyValueList,
                           container.elementCount);
}

bool AttributeReader::readVarint(uint64_t& out)
{
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size())
            return false;
        const auto byte = uint8_t(m_data[m_pos++]);
        out |= uint64_t(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

bool AttributeReader::readText(std::string_view& out)
{
    uint64_t length = 0;
    if (!readVarint(length) || length > m_data.size() - m_pos)
        return false;
    out = m_data.substr(m_pos, size_t(length));
    m_pos += size_t(length);
    return true;
}

bool AttributeReader::skipValue(int depth)
{
    ValueView ignored;
    return readValue(ignored, depth);
}

bool AttributeReader::readValue(ValueView& value, int depth)
{
    if (m_pos >= m_data.size() || depth > kMaxDecodeDepth)
        return false;
    value = ValueView{};
    value.type = ValueType(uint8_t(m_data[m_pos++]));
    uint64_t raw = 0;
    switch (value.type) {
    case ValueType::Empty:
        return true;
    case ValueType::String:
    case ValueType::Bytes:
        return readText(value.text);
    case ValueType::Bool:
        if (m_pos >= m_data.size())
            return false;
        value.boolValue = m_data[m_pos++] != 0;
        return true;
    case ValueType::Int:
        if (!readVarint(raw))
            return false;
        value.intValue = unzigzag(raw);
        return true;
    case ValueType::Double:
        if (m_data.size() - m_pos < 8)
            return false;
        std::memcpy(&value.doubleValue, m_data.data() + m_pos, 8);
        m_pos += 8;
        return true;
    case ValueType::Array:
    case ValueType::KeyValueList: {
        if (!readVarint(raw) || raw > m_data.size())
            return false;
        value.elementCount = uint32_t(raw);
        const size_t begin = m_pos;
        const bool withKeys = value.type == ValueType::KeyValueList;
        for (uint64_t i = 0; i < raw; ++i) {
            std::string_view key;
            if (withKeys && !readText(key))
                return false;
            if (!skipValue(depth + 1))
                return false;
        }
        value.nested = m_data.substr(begin, m_pos - begin);
        return true;
    }
    }
    return false;
}

bool AttributeReader::next(std::string_view& key, ValueView& value)
{
    if (m_failed)
        return false;
    if (m_counted) {
        if (m_remaining == 0)
            return false;
        --m_remaining;
    } else if (m_pos >= m_data.size()) {
        return false;
    }
    key = {};
    if ((m_withKeys && !readText(key)) || !readValue(value, 0)) {
        m_failed = true;
        return false;
    }
    return true;
}

bool findAttribute(std::string_view blob, std::string_view key, ValueView& value)
{
    AttributeReader reader(blob);
    std::string_view entryKey;
    while (reader.next(entryKey, value)) {
        if (entryKey == key)
            return true;
    }
    return false;
}

std::string scalarText(const ValueView& value)
{
    switch (value.type) {
    case ValueType::String:
        return std::string(value.text);
    case ValueType::Bool:
        return value.boolValue ? "true" : "false";
    case ValueType::Int:
        return std::to_string(value.intValue);
    case ValueType::Double: {
        if (std::isnan(value.doubleValue))
            return "NaN";
        if (std::isinf(value.doubleValue))
            return value.doubleValue > 0 ? "Infinity" : "-Infinity";
        // The shortest text that reads back as the same double (0.1 prints as 0.1).
        char text[32];
        const auto result = std::to_chars(text, text + sizeof text, value.doubleValue);
        return std::string(text, result.ptr);
    }
    case ValueType::Bytes:
        return base64Encode(value.text);
    default:
        return {};
    }
}

std::string valueToDisplayText(const ValueView& value)
{
    if (value.type != ValueType::Array && value.type != ValueType::KeyValueList)
        return scalarText(value);
    std::string out;
    appendDisplayJson(out, value, 0);
    return out;
}

std::string base64Encode(std::string_view bytes)
{
    // fromRawData: no copy of the input; toBase64 writes standard base64 with padding.
    return QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

} // namespace spanscope
