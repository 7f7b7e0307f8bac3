// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace spanscope {

// The longest prefix of at most maxBytes that does not split a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, size_t maxBytes);
bool isValidUtf8(std::string_view text);
// The text with every invalid UTF-8 sequence replaced by U+FFFD, so it can go into JSON output.
std::string sanitizedUtf8(std::string_view text);

} // namespace spanscope
