// SPDX-License-Identifier: MIT
#include "Ids.h"

#include <array>

namespace spanscope {

namespace {

// Hex digit values by byte, kNotHex for anything else: ids are parsed for every span of every
// import, so a whole id is checked with one test after the loop.
constexpr uint8_t kNotHex = 0x10;
constexpr auto kHexValues = [] {
    std::array<uint8_t, 256> values{};
    for (auto& value : values)
        value = kNotHex;
    for (int c = '0'; c <= '9'; ++c)
        values[size_t(c)] = uint8_t(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        values[size_t(c)] = uint8_t(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c)
        values[size_t(c)] = uint8_t(c - 'A' + 10);
    return values;
}();

constexpr char kHexDigits[] = "0123456789abcdef";

} // namespace

std::optional<uint64_t> parseHex64(std::string_view text)
{
    if (text.empty() || text.size() > 16)
        return std::nullopt;
    uint64_t value = 0;
    unsigned invalid = 0;
    for (char c : text) {
        const unsigned digit = kHexValues[uint8_t(c)];
        invalid |= digit;
        value = (value << 4) | uint64_t(digit & 0xF);
    }
    if (invalid & kNotHex)
        return std::nullopt;
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
