// SPDX-License-Identifier: MIT
#pragma once

#include "ProtoWire.h"

#include <functional>
#include <memory>
#include <string_view>

namespace spanscope {

class ByteSource;

namespace proto {

// Reads protobuf from a ByteSource through a rolling buffer, so that memory holds one read chunk
// plus the largest element taken whole (a span), never the file: a single ResourceSpans can hold
// a million spans. Offsets are absolute positions in the stream; errors throw ImportFailure there.
class ProtoStream
{
public:
    static constexpr uint64_t kUnbounded = UINT64_MAX;

    ProtoStream(ByteSource& source, std::function<void()> onRead, size_t chunkSize = 1 << 20);

    uint64_t offset() const { return m_base + m_pos; }
    // True when the stream has no more bytes.
    bool atEnd();

    // Reads a field header (tag, and for length-delimited fields their length) that must end at or
    // before `limit`. Returns false where the message ends: at `limit`, or at the end of the stream
    // when limit is kUnbounded.
    // For Varint/Fixed fields the value is read too; for Length fields only the length
    // (field.value), the payload stays in the stream for take(), skip() or descending into it.
    bool nextField(Field& field, uint64_t limit, const char* messageName);

    // The next n bytes, contiguous; valid until the next call on this stream.
    std::string_view take(size_t n, const char* what);
    // Discards n bytes without holding them (a huge unknown field).
    void skip(uint64_t n, const char* what);

private:
    // Makes at least `need` bytes available; false if the stream ends first.
    bool fill(size_t need);
    // A buffer of this capacity holding the unread bytes at its start.
    void reallocate(size_t capacity);
    uint64_t readVarint(const char* what, const char* messageName);
    [[noreturn]] void truncated(const char* what) const;

    ByteSource& m_source;
    std::function<void()> m_onRead;
    size_t m_chunk;
    std::unique_ptr<char[]> m_buffer;
    size_t m_capacity = 0;
    size_t m_pos = 0;    // next byte to consume
    size_t m_size = 0;   // bytes held
    uint64_t m_base = 0; // stream offset of m_buffer[0]
    bool m_eof = false;
};

} // namespace proto
} // namespace spanscope
