// SPDX-License-Identifier: MIT
#include "IdCodec.h"

#include <cstdint>

namespace spanscope {

namespace {

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

uint64_t readBigEndian64(std::string_view bytes)
{
    uint64_t value = 0;
    for (char c : bytes)
        value = (value << 8) | uint8_t(c);
    return value;
}

void writeBigEndian64(std::string& out, uint64_t value)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out += char(uint8_t(value >> shift));
}

// Base64 of `bytes` bytes, padded or not, that is not also plain hex. A padded form always ends in
// '='; an unpadded one is told apart by a character outside the hex alphabet.
bool looksLikeBase64(std::string_view text, size_t bytes)
{
    const size_t padded = (bytes + 2) / 3 * 4;
    const size_t unpadded = (bytes * 4 + 2) / 3;
    if (text.size() == padded && text.back() == '=')
        return true;
    return (text.size() == padded || text.size() == unpadded) &&
           text.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos;
}

} // namespace

std::optional<std::string> decodeBase64(std::string_view text)
{
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = base64Value(c);
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char(uint8_t(buffer >> bits));
        }
    }
    return out;
}

std::optional<TraceId> traceIdFromBytes(std::string_view bytes)
{
    if (bytes.size() != 16)
        return std::nullopt;
    return TraceId{readBigEndian64(bytes.substr(0, 8)), readBigEndian64(bytes.substr(8))};
}

std::optional<uint64_t> spanIdFromBytes(std::string_view bytes)
{
    if (bytes.size() != 8)
        return std::nullopt;
    return readBigEndian64(bytes);
}

std::string traceIdToBytes(const TraceId& id)
{
    std::string out;
    writeBigEndian64(out, id.high);
    writeBigEndian64(out, id.low);
    return out;
}

std::string spanIdToBytes(uint64_t id)
{
    std::string out;
    writeBigEndian64(out, id);
    return out;
}

std::optional<TraceId> parseTraceIdText(std::string_view text)
{
    if (text.empty())
        return TraceId{};
    if (looksLikeBase64(text, 16)) {
        const auto bytes = decodeBase64(text);
        return bytes ? traceIdFromBytes(*bytes) : std::nullopt;
    }
    return parseHex128(text);
}

std::optional<uint64_t> parseSpanIdText(std::string_view text)
{
    if (text.empty())
        return uint64_t(0);
    if (looksLikeBase64(text, 8)) {
        const auto bytes = decodeBase64(text);
        return bytes ? spanIdFromBytes(*bytes) : std::nullopt;
    }
    return parseHex64(text);
}

} // namespace spanscope
