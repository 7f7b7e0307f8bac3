// SPDX-License-Identifier: MIT
#include "Ids.h"

namespace spanscope {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr char kHexDigits[] = "0123456789abcdef";

} // namespace

std::optional<uint64_t> parseHex64(std::string_view text)
{
    if (text.empty() || text.size() > 16)
        return std::nullopt;
    uint64_t value = 0;
    for (char c : text) {
        const int digit = hexDigit(c);
        if (digit < 0)
            return std::nullopt;
        value = (value << 4) | uint64_t(digit);
    }
    return value;
}

std::optional<TraceId> parseHex128(std::string_view text)
{
    if (text.empty() || text.size() > 32)
        return std::nullopt;
    TraceId id;
    if (text.size() > 16) {
        const auto high = parseHex64(text.substr(0, text.size() - 16));
        const auto low = parseHex64(text.substr(text.size() - 16));
        if (!high || !low)
            return std::nullopt;
        id.high = *high;
        id.low = *low;
    } else {
        const auto low = parseHex64(text);
        if (!low)
            return std::nullopt;
        id.low = *low;
    }
    return id;
}

std::string toHex64(uint64_t id)
{
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[size_t(i)] = kHexDigits[id & 0xF];
        id >>= 4;
    }
    return out;
}

std::string toHex128(const TraceId& id)
{
    return toHex64(id.high) + toHex64(id.low);
}

uint64_t hashId64(std::string_view text)
{
    // FNV-1a: stable across runs and platforms, so the same file always gives the same ids.
    uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash == 0 ? 1 : hash;
}

} // namespace spanscope
