// SPDX-License-Identifier: MIT
#include "ProtoWire.h"

#include "importers/ImportFailure.h"

#include <cstring>

namespace spanscope::proto {

const char* wireTypeName(WireType type)
{
    switch (type) {
    case WireType::Varint:
        return "varint";
    case WireType::Fixed64:
        return "fixed64";
    case WireType::Length:
        return "length-delimited";
    case WireType::StartGroup:
    case WireType::EndGroup:
        return "group";
    case WireType::Fixed32:
        return "fixed32";
    }
    return "invalid";
}

VarintStatus decodeVarint(std::string_view data, size_t& pos, uint64_t& value)
{
    uint64_t result = 0;
    size_t p = pos;
    for (int i = 0; i < 10; ++i) {
        if (p >= data.size())
            return VarintStatus::Truncated;
        const auto byte = uint8_t(data[p++]);
        // The tenth byte holds only bit 63: anything more does not fit in 64 bits.
        if (i == 9 && byte > 1)
            return VarintStatus::Overflow;
        result |= uint64_t(byte & 0x7F) << (7 * i);
        if (!(byte & 0x80)) {
            value = result;
            pos = p;
            return VarintStatus::Ok;
        }
    }
    return VarintStatus::Overflow;
}

const char* checkTag(uint64_t tag)
{
    if ((tag >> 3) == 0)
        return "field number 0 (not protobuf, or corrupt)";
    if ((tag >> 3) > 0x1FFFFFFF)
        return "field number too large (not protobuf, or corrupt)";
    switch (tag & 7) {
    case 0:
    case 1:
    case 2:
    case 5:
        return nullptr;
    case 3:
    case 4:
        return "group wire type, which OTLP never uses (not OTLP, or corrupt)";
    default:
        return "invalid wire type (not protobuf, or corrupt)";
    }
}

void failAt(uint64_t offset, const std::string& message)
{
    throw ImportFailure(SourceLocation{offset, 0, 0}, message);
}

void MessageReader::fail(uint64_t offset, const std::string& message) const
{
    failAt(offset, std::string(m_name) + ": " + message);
}

bool MessageReader::next(Field& field)
{
    if (m_pos >= m_data.size())
        return false;
    field.offset = m_base + m_pos;
    uint64_t tag = 0;
    switch (decodeVarint(m_data, m_pos, tag)) {
    case VarintStatus::Ok:
        break;
    case VarintStatus::Truncated:
        fail(field.offset, "a field tag runs past the end of the message");
    case VarintStatus::Overflow:
        fail(field.offset, "a field tag is a varint longer than 64 bits");
    }
    if (const char* problem = checkTag(tag))
        fail(field.offset, problem);
    field.number = uint32_t(tag >> 3);
    field.type = WireType(tag & 7);
    field.dataOffset = m_base + m_pos;
    switch (field.type) {
    case WireType::Varint:
        switch (decodeVarint(m_data, m_pos, field.value)) {
        case VarintStatus::Ok:
            return true;
        case VarintStatus::Truncated:
            fail(field.dataOffset,
                 "field " + std::to_string(field.number) + " runs past the end of the message");
        case VarintStatus::Overflow:
            fail(field.dataOffset,
                 "field " + std::to_string(field.number) + " is a varint longer than 64 bits");
        }
        return true;
    case WireType::Fixed64:
    case WireType::Fixed32: {
        const size_t size = field.type == WireType::Fixed64 ? 8 : 4;
        if (m_data.size() - m_pos < size)
            fail(field.dataOffset,
                 "field " + std::to_string(field.number) + " runs past the end of the message");
        uint64_t value = 0;
        std::memcpy(&value, m_data.data() + m_pos, size); // little endian, as the wire format
        field.value = value;
        m_pos += size;
        return true;
    }
    case WireType::Length: {
        uint64_t length = 0;
        switch (decodeVarint(m_data, m_pos, length)) {
        case VarintStatus::Ok:
            break;
        case VarintStatus::Truncated:
            fail(field.dataOffset,
                 "field " + std::to_string(field.number) + " runs past the end of the message");
        case VarintStatus::Overflow:
            fail(field.dataOffset,
                 "the length of field " + std::to_string(field.number) + " is a varint longer than 64 bits");
        }
        if (length > m_data.size() - m_pos)
            fail(field.dataOffset, "field " + std::to_string(field.number) + " claims " +
                                       std::to_string(length) + " bytes but only " +
                                       std::to_string(m_data.size() - m_pos) + " are left in the message");
        field.dataOffset = m_base + m_pos;
        field.bytes = m_data.substr(m_pos, size_t(length));
        m_pos += size_t(length);
        return true;
    }
    default:
        break;
    }
    fail(field.offset, "invalid wire type");
}

void MessageReader::expect(const Field& field, WireType type, const char* fieldName) const
{
    if (field.type != type)
        fail(field.offset, std::string("field ") + fieldName + " (" + std::to_string(field.number) + ") is " +
                               wireTypeName(field.type) + ", expected " + wireTypeName(type) +
                               " (not OTLP, or corrupt)");
}

} // namespace spanscope::proto
