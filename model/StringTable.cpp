// SPDX-License-Identifier: MIT
#include "StringTable.h"

namespace spanscope {

bool StringTable::assign(std::string chars, std::vector<uint32_t> offsets)
{
    if (offsets.size() < 2 || offsets.front() != 0 || offsets[1] != 0 || offsets.back() != chars.size())
        return false;
    for (size_t i = 1; i < offsets.size(); ++i) {
        if (offsets[i] < offsets[i - 1])
            return false;
    }
    m_chars = std::move(chars);
    m_offsets = std::move(offsets);
    return true;
}

} // namespace spanscope
