// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace spanscope::proto {

// The protobuf wire format, as far as OTLP needs it. Groups (wire types 3 and 4) are proto2-only
// and never appear in OTLP; they are refused like any other malformed input.
enum class WireType : uint8_t
{
    Varint = 0,
    Fixed64 = 1,
    Length = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
};

const char* wireTypeName(WireType type);

enum class VarintStatus
{
    Ok,
    Truncated, // the bytes end inside the varint
    Overflow,  // more than ten bytes, or bits beyond the 64th
};

// Decodes a varint starting at data[pos]; on success advances pos.
VarintStatus decodeVarint(std::string_view data, size_t& pos, uint64_t& value);

// Splits a tag into field number and wire type; returns an error text, or nullptr when valid.
const char* checkTag(uint64_t tag);

// One field of a message held in memory. `offset` is the field's tag position in the stream.
struct Field
{
    uint32_t number = 0;
    WireType type = WireType::Varint;
    uint64_t value = 0;      // Varint, Fixed64, Fixed32
    std::string_view bytes;  // Length
    uint64_t offset = 0;     // of the tag
    uint64_t dataOffset = 0; // of the payload (bytes[0] for Length)
};

// Reads the fields of a message that is wholly in memory (a span, a resource, an attribute value).
// Malformed input throws ImportFailure with the absolute byte offset of the problem.
class MessageReader
{
public:
    MessageReader(std::string_view data, uint64_t baseOffset, const char* messageName)
        : m_data(data), m_base(baseOffset), m_name(messageName)
    {}

    // The next field, or false at the end of the message.
    bool next(Field& field);
    // Throws unless the field has the wire type the schema gives it.
    void expect(const Field& field, WireType type, const char* fieldName) const;

private:
    [[noreturn]] void fail(uint64_t offset, const std::string& message) const;

    std::string_view m_data;
    size_t m_pos = 0;
    uint64_t m_base;
    const char* m_name;
};

[[noreturn]] void failAt(uint64_t offset, const std::string& message);

} // namespace spanscope::proto
