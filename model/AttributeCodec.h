// SPDX-License-Identifier: MIT
#pragma once

#include "AttributeValue.h"

#include <string>
#include <string_view>

namespace spanscope {

struct ImportLimits;

// Writes typed attributes into the compact binary form stored in the workspace (one blob per span,
// event, link, resource or scope; see docs/ARCHITECTURE.md, "Attribute blobs").
//
//   blob      := entry*
//   entry     := varint keyLength, key bytes, value
//   value     := type byte, payload
//   payload   := String/Bytes: varint length, bytes | Bool: 1 byte | Int: zig-zag varint
//              | Double: 8 bytes little endian | Array: varint n, value*n
//              | KeyValueList: varint n, (varint keyLength, key, value)*n | Empty: nothing
//
// Limits (value size, attributes per owner) are applied here, so every importer honours them the
// same way; what they cut is counted, and the importer turns the count into a warning.
class AttributeEncoder
{
public:
    explicit AttributeEncoder(const ImportLimits* limits = nullptr) : m_limits(limits) {}

    void clear()
    {
        m_buffer.clear();
        m_count = 0;
    }
    std::string_view data() const { return m_buffer; }
    uint32_t count() const { return m_count; }
    bool empty() const { return m_count == 0; }

    void addString(std::string_view key, std::string_view value);
    void addBytes(std::string_view key, std::string_view value);
    void addBool(std::string_view key, bool value);
    void addInt(std::string_view key, int64_t value);
    void addDouble(std::string_view key, double value);
    void addEmpty(std::string_view key);
    // Adds a value encoded by a nested encoder (see ValueListEncoder), of type Array or KeyValueList.
    void addEncoded(std::string_view key, ValueType type, uint32_t elementCount, std::string_view elements);

    // How many values were shortened and how many attributes were dropped by the limits.
    uint32_t truncatedValues() const { return m_truncated; }
    uint32_t droppedAttributes() const { return m_dropped; }
    void resetLimitCounters()
    {
        m_truncated = 0;
        m_dropped = 0;
    }

private:
    bool beginEntry(std::string_view key);
    void appendText(std::string_view value);

    const ImportLimits* m_limits;
    std::string m_buffer;
    uint32_t m_count = 0;
    uint32_t m_truncated = 0;
    uint32_t m_dropped = 0;
};

// Builds the elements of an array (keys empty and not written) or a key-value list.
class ValueListEncoder
{
public:
    explicit ValueListEncoder(bool withKeys) : m_withKeys(withKeys) {}
    void addString(std::string_view key, std::string_view value);
    void addBytes(std::string_view key, std::string_view value);
    void addBool(std::string_view key, bool value);
    void addInt(std::string_view key, int64_t value);
    void addDouble(std::string_view key, double value);
    void addEmpty(std::string_view key);
    void addEncoded(std::string_view key, ValueType type, uint32_t elementCount, std::string_view elements);

    std::string_view data() const { return m_buffer; }
    uint32_t count() const { return m_count; }
    ValueType type() const { return m_withKeys ? ValueType::KeyValueList : ValueType::Array; }

private:
    void beginEntry(std::string_view key);
    bool m_withKeys;
    std::string m_buffer;
    uint32_t m_count = 0;
};

// Reads a blob written by AttributeEncoder. Malformed input (a corrupt workspace) ends iteration and
// sets failed(); it never reads outside the buffer.
class AttributeReader
{
public:
    explicit AttributeReader(std::string_view blob) : m_data(blob) {}
    // For the elements of an Array or KeyValueList value.
    static AttributeReader elements(const ValueView& container);

    bool next(std::string_view& key, ValueView& value);
    bool failed() const { return m_failed; }

private:
    AttributeReader(std::string_view data, bool withKeys, uint32_t count)
        : m_data(data), m_withKeys(withKeys), m_remaining(count), m_counted(true)
    {}
    bool readValue(ValueView& value, int depth);
    bool skipValue(int depth);
    bool readVarint(uint64_t& out);
    bool readText(std::string_view& out);

    std::string_view m_data;
    size_t m_pos = 0;
    bool m_withKeys = true;
    uint32_t m_remaining = 0;
    bool m_counted = false;
    bool m_failed = false;
};

// Finds the first attribute with this key; returns false if there is none.
bool findAttribute(std::string_view blob, std::string_view key, ValueView& value);

// Text for display: strings as they are, numbers in shortest round-trip form, bytes as base64,
// arrays and lists as compact JSON.
std::string valueToDisplayText(const ValueView& value);
// A scalar's text (as above); empty for containers.
std::string scalarText(const ValueView& value);
std::string base64Encode(std::string_view bytes);

} // namespace spanscope
