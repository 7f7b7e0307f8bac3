// SPDX-License-Identifier: MIT
// String values and keys: reading a string and unescaping it (\n, \uXXXX and surrogate pairs) into UTF-8.
#include "JsonScanner.h"
#include "model/Ids.h"

#include <string>

namespace spanscope {

namespace {

void appendUtf8(std::string& out, uint32_t codepoint)
{
    if (codepoint < 0x80) {
        out += char(codepoint);
    } else if (codepoint < 0x800) {
        out += char(0xC0 | (codepoint >> 6));
        out += char(0x80 | (codepoint & 0x3F));
    } else if (codepoint < 0x10000) {
        out += char(0xE0 | (codepoint >> 12));
        out += char(0x80 | ((codepoint >> 6) & 0x3F));
        out += char(0x80 | (codepoint & 0x3F));
    } else {
        out += char(0xF0 | (codepoint >> 18));
        out += char(0x80 | ((codepoint >> 12) & 0x3F));
        out += char(0x80 | ((codepoint >> 6) & 0x3F));
        out += char(0x80 | (codepoint & 0x3F));
    }
}

} // namespace

std::string_view JsonScanner::readString()
{
    skipWhitespace();
    if (!more() || current() != '"')
        fail("expected a string");
    m_anchor = m_pos;
    scanStringBody();
    const size_t open = m_anchor;
    m_anchor = SIZE_MAX;
    return unescape(open + 1, m_pos - 1);
}

std::string_view JsonScanner::unescape(size_t begin, size_t end)
{
    const std::string_view raw(m_buffer.data() + begin, end - begin);
    if (raw.find('\\') == std::string_view::npos)
        return raw;
    m_scratch.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            m_scratch += raw[i];
            continue;
        }
        if (++i >= raw.size())
            break;
        switch (raw[i]) {
        case '"':
        case '\\':
        case '/':
            m_scratch += raw[i];
            break;
        case 'b':
            m_scratch += '\b';
            break;
        case 'f':
            m_scratch += '\f';
            break;
        case 'n':
            m_scratch += '\n';
            break;
        case 'r':
            m_scratch += '\r';
            break;
        case 't':
            m_scratch += '\t';
            break;
        case 'u': {
            const auto readHex4 = [&](size_t at, uint32_t& out) {
                if (at + 4 > raw.size())
                    return false;
                const auto value = parseHex64(raw.substr(at, 4));
                if (value)
                    out = uint32_t(*value);
                return value.has_value();
            };
            uint32_t codepoint = 0;
            if (!readHex4(i + 1, codepoint))
                fail("invalid \\u escape in a string");
            i += 4;
            if (codepoint >= 0xD800 && codepoint < 0xDC00) {
                uint32_t low = 0;
                if (i + 2 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u' && readHex4(i + 3, low) &&
                    low >= 0xDC00 && low < 0xE000) {
                    codepoint = 0x10000 + ((codepoint - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                } else {
                    codepoint = 0xFFFD;
                }
            } else if (codepoint >= 0xDC00 && codepoint < 0xE000) {
                codepoint = 0xFFFD;
            }
            appendUtf8(m_scratch, codepoint);
            break;
        }
        default:
            fail("invalid escape in a string");
        }
    }
    return m_scratch;
}

} // namespace spanscope
