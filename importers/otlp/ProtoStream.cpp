// SPDX-License-Identifier: MIT
#include "ProtoStream.h"

#include "importers/io/ByteSource.h"

#include <algorithm>
#include <cstring>

namespace spanscope::proto {

ProtoStream::ProtoStream(ByteSource& source, std::function<void()> onRead, size_t chunkSize)
    : m_source(source), m_onRead(std::move(onRead)), m_chunk(chunkSize), m_buffer(new char[chunkSize]),
      m_capacity(chunkSize)
{}

void ProtoStream::reallocate(size_t capacity)
{
    const size_t held = m_size - m_pos;
    if (capacity != m_capacity) {
        // Not make_unique<char[]>: that would zero the whole buffer first.
        std::unique_ptr<char[]> buffer(new char[capacity]);
        std::memcpy(buffer.get(), m_buffer.get() + m_pos, held);
        m_buffer = std::move(buffer);
        m_capacity = capacity;
    } else if (m_pos > 0) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_pos, held);
    }
    m_base += m_pos;
    m_size = held;
    m_pos = 0;
}

bool ProtoStream::fill(size_t need)
{
    if (m_size - m_pos >= need)
        return true;
    if (m_eof)
        return false;
    // One chunk normally; memory is given back after a big element.
    if (m_capacity > 4 * m_chunk && need <= m_chunk && m_size - m_pos <= m_chunk)
        reallocate(m_chunk);
    else if (m_pos > 0)
        reallocate(m_capacity); // moves the unread bytes to the front
    while (m_size < need) {
        if (m_size == m_capacity) {
            // Grow by doubling as data arrives, not to `need` at once: a length that claims far
            // more than the file holds then fails as truncation before it costs that memory.
            reallocate(std::min(std::max(need, m_chunk), std::max(m_capacity * 2, m_chunk)));
        }
        const size_t n = m_source.read(m_buffer.get() + m_size, m_capacity - m_size);
        if (m_onRead)
            m_onRead();
        if (n == 0) {
            m_eof = true;
            return false;
        }
        m_size += n;
    }
    return true;
}

bool ProtoStream::atEnd()
{
    return !fill(1);
}

void ProtoStream::truncated(const char* what) const
{
    // Reported where the data ends: everything the stream had is in the buffer by now.
    failAt(m_base + m_size, std::string("the file ends inside ") + what + " (truncated)");
}

uint64_t ProtoStream::readVarint(const char* what, const char* messageName)
{
    fill(10); // a varint has at most ten bytes; fewer may be left at the end of the stream
    const uint64_t start = offset();
    const std::string_view window(m_buffer.get() + m_pos, m_size - m_pos);
    size_t used = 0;
    uint64_t value = 0;
    switch (decodeVarint(window, used, value)) {
    case VarintStatus::Ok:
        m_pos += used;
        return value;
    case VarintStatus::Truncated:
        truncated(messageName);
    case VarintStatus::Overflow:
        break;
    }
    failAt(start, std::string(messageName) + ": " + what + " is a varint longer than 64 bits");
}

bool ProtoStream::nextField(Field& field, uint64_t limit, const char* messageName)
{
    if (limit == kUnbounded) {
        if (atEnd())
            return false;
    } else if (offset() >= limit) {
        return false;
    }
    field.offset = offset();
    const uint64_t tag = readVarint("a field tag", messageName);
    if (const char* problem = checkTag(tag))
        failAt(field.offset, std::string(messageName) + ": " + problem);
    field.number = uint32_t(tag >> 3);
    field.type = WireType(tag & 7);
    field.bytes = {};
    switch (field.type) {
    case WireType::Varint:
        field.value = readVarint("a field value", messageName);
        break;
    case WireType::Fixed64:
    case WireType::Fixed32: {
        const size_t size = field.type == WireType::Fixed64 ? 8 : 4;
        const std::string_view bytes = take(size, messageName);
        uint64_t value = 0;
        std::memcpy(&value, bytes.data(), size);
        field.value = value;
        break;
    }
    case WireType::Length:
        field.value = readVarint("a field length", messageName);
        break;
    default:
        break;
    }
    field.dataOffset = offset();
    const uint64_t room = limit == kUnbounded ? kUnbounded : limit - std::min(limit, field.dataOffset);
    if (field.dataOffset > limit)
        failAt(field.offset, std::string(messageName) + ": field " + std::to_string(field.number) +
                                 " runs past the end of its message (corrupt)");
    if (field.type == WireType::Length && field.value > room)
        failAt(field.offset, std::string(messageName) + ": field " + std::to_string(field.number) +
                                 " claims " + std::to_string(field.value) + " bytes but only " +
                                 std::to_string(room) + " are left in the enclosing message (corrupt)");
    return true;
}

std::string_view ProtoStream::take(size_t n, const char* what)
{
    if (!fill(n))
        truncated(what);
    const std::string_view bytes(m_buffer.get() + m_pos, n);
    m_pos += n;
    return bytes;
}

void ProtoStream::skip(uint64_t n, const char* what)
{
    while (n > 0) {
        if (m_pos == m_size && !fill(1))
            truncated(what);
        const size_t step = size_t(std::min<uint64_t>(n, m_size - m_pos));
        m_pos += step;
        n -= step;
    }
}

} // namespace spanscope::proto
