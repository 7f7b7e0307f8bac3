// SPDX-License-Identifier: MIT
#pragma once

#include "model/Utf8.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace spanscope {

// Cuts texts that are not attributes (span and event names, status messages, service names) at
// the attribute value limit, with the same visible marker AttributeEncoder uses, so a hostile
// 64 MB name costs no more than a 64 MB tag value. Clipped copies live here until clear().
class TextClipper
{
public:
    explicit TextClipper(uint32_t maxBytes) : m_maxBytes(maxBytes) {}

    std::string_view clip(std::string_view text)
    {
        if (text.size() <= m_maxBytes)
            return text;
        ++m_clipped;
        std::string& cut = m_storage.emplace_back(utf8Prefix(text, m_maxBytes));
        cut += "\xE2\x80\xA6[truncated from " + std::to_string(text.size()) + " bytes]";
        return cut;
    }
    void clear() { m_storage.clear(); }
    // How many texts were cut since construction.
    uint64_t clipped() const { return m_clipped; }

private:
    uint32_t m_maxBytes;
    std::deque<std::string> m_storage;
    uint64_t m_clipped = 0;
};

} // namespace spanscope
