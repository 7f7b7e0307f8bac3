// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

// Strings stored back to back in one buffer, addressed by index: the names a loaded trace uses,
// without a heap object per span. Index 0 is always the empty string.
class StringTable
{
public:
    StringTable() = default;

    uint32_t add(std::string_view text)
    {
        m_chars.append(text);
        m_offsets.push_back(uint32_t(m_chars.size()));
        return uint32_t(m_offsets.size() - 2);
    }
    std::string_view at(uint32_t index) const
    {
        if (index + 1 >= m_offsets.size())
            return {};
        return std::string_view(m_chars).substr(m_offsets[index], m_offsets[index + 1] - m_offsets[index]);
    }
    uint32_t size() const { return uint32_t(m_offsets.size() - 1); }
    size_t byteSize() const { return m_chars.size() + m_offsets.size() * sizeof(uint32_t); }

    const std::string& chars() const { return m_chars; }
    const std::vector<uint32_t>& offsets() const { return m_offsets; }
    // For the pack reader: adopts a buffer and offsets that were written by chars()/offsets().
    bool assign(std::string chars, std::vector<uint32_t> offsets);

private:
    std::string m_chars;
    std::vector<uint32_t> m_offsets{0, 0}; // entry 0: ""
};

} // namespace spanscope
