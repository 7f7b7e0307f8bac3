// SPDX-License-Identifier: MIT
#include "AttributeText.h"

#include "AttributeCodec.h"

namespace spanscope {

namespace {

std::string joined(std::string_view blob, std::string_view separator, size_t maxLength)
{
    std::string text;
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    while (text.size() < maxLength && reader.next(key, value)) {
        if (!text.empty())
            text += separator;
        text.append(key);
        text += '=';
        text += valueToDisplayText(value);
    }
    return text;
}

} // namespace

std::string attributesAsLine(std::string_view blob, size_t maxLength)
{
    return joined(blob, ", ", maxLength);
}

std::string attributesAsLines(std::string_view blob, size_t maxLength)
{
    return joined(blob, "\n", maxLength);
}

} // namespace spanscope
