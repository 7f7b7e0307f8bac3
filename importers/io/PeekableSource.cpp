// SPDX-License-Identifier: MIT
#include "PeekableSource.h"

#include <algorithm>
#include <cstring>
#include <memory>

namespace spanscope {

namespace {

constexpr size_t kChunkBytes = size_t{256} * 1024;

} // namespace

std::string_view PeekableSource::peek(size_t size)
{
    if (m_pos > 0) {
        m_buffered.erase(0, m_pos);
        m_pos = 0;
    }
    if (m_buffered.size() < size && !m_eof) {
        // Read through a bounded chunk and append. Sizing the buffer to `size` before each read
        // zero-filled the whole missing part again after every short read: a length-framed stream
        // returns one frame per read, so sniffing a file of small frames cost frames x 1 MiB.
        const size_t chunkSize = std::min<size_t>(size - m_buffered.size(), kChunkBytes);
        const auto chunk = std::make_unique_for_overwrite<char[]>(chunkSize);
        while (m_buffered.size() < size && !m_eof) {
            const size_t n = m_source->read(chunk.get(), std::min(chunkSize, size - m_buffered.size()));
            m_buffered.append(chunk.get(), n);
            m_eof = n == 0;
        }
    }
    return std::string_view(m_buffered).substr(0, std::min(size, m_buffered.size()));
}

size_t PeekableSource::read(char* buffer, size_t size)
{
    if (m_pos < m_buffered.size()) {
        const size_t n = std::min(size, m_buffered.size() - m_pos);
        std::memcpy(buffer, m_buffered.data() + m_pos, n);
        m_pos += n;
        if (m_pos == m_buffered.size()) {
            m_buffered.clear();
            m_buffered.shrink_to_fit();
            m_pos = 0;
        }
        return n;
    }
    return m_eof ? 0 : m_source->read(buffer, size);
}

} // namespace spanscope
