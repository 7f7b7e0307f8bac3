// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

namespace spanscope {

// Where in a file something was found: line and column for text, a byte offset for binary input.
// For compressed files, positions are in the decompressed stream (docs/FORMATS.md).
struct SourceLocation
{
    static constexpr uint64_t kUnknown = UINT64_MAX;

    uint64_t offset = kUnknown;
    uint32_t line = 0; // 1-based; 0 = binary input: print the byte offset
    uint32_t column = 0;

    bool isKnown() const { return offset != kUnknown; }
    // "12:5", "byte 4096", or "" when unknown.
    std::string toString() const
    {
        if (line > 0)
            return std::to_string(line) + ":" + std::to_string(column);
        if (isKnown())
            return "byte " + std::to_string(offset);
        return {};
    }
    // "FILE:LINE:COLUMN: text", "FILE: byte N: text" or "FILE: text".
    std::string format(const std::string& file, const std::string& text) const
    {
        if (line > 0)
            return file + ":" + toString() + ": " + text;
        if (isKnown())
            return file + ": " + toString() + ": " + text;
        return file + ": " + text;
    }
};

struct ImportMessage
{
    SourceLocation location;
    std::string text;
};

} // namespace spanscope
