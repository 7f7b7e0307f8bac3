// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace spanscope {

// An encoded attribute blob as text, for an event's or a link's attributes: "key=value, key=value"
// on one line for a cell, or one "key=value" per line (values whole, line breaks kept) for
// tooltips, copying and the full-value viewer. Both stop once maxLength bytes are reached.
std::string attributesAsLine(std::string_view blob, size_t maxLength = 4000);
std::string attributesAsLines(std::string_view blob, size_t maxLength = std::string::npos);

} // namespace spanscope
