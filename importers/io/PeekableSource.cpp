// SPDX-License-Identifier: MIT
#include "PeekableSource.h"

#include <algorithm>
#include <cstring>

namespace spanscope {

std::string_view PeekableSource::peek(size_t size)
{
    if (m_pos > 0) {
        m_buffered.erase(0, m_pos);
        m_pos = 0;
    }
    while (m_buffered.size() < size && !m_eof) {
        const size_t old = m_buffered.size();
        m_buffered.resize(std::max(size, old + 4096));
        const size_t n = m_source->read(m_buffered.data() + old, m_buffered.size() - old);
        m_buffered.resize(old + n);
        m_eof = n == 0;
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
