// SPDX-License-Identifier: MIT
#include "JaegerLooseObject.h"

#include "importers/json/JsonScanner.h"

#include <algorithm>
#include <cstdio>

namespace spanscope {

namespace {

// The key as a JSON string literal: the scanner hands keys over unescaped.
void appendJsonKey(std::string& out, std::string_view key)
{
    out += '"';
    for (const char c : key) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uint8_t(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uint8_t(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    out += "\":";
}

} // namespace

void JaegerLooseObject::clear(const SourceLocation& start)
{
    m_start = start;
    m_text.clear();
    m_text.push_back('{');
    m_json.clear();
    m_pieces.clear();
    m_keys.clear();
    m_overflowed = false;
}

bool JaegerLooseObject::add(std::string_view key, std::string_view rawValue,
                            const SourceLocation& valueLocation, uint64_t maxBytes)
{
    if (m_text.size() + key.size() * 6 + rawValue.size() + 8 > maxBytes) {
        m_overflowed = true;
        return false;
    }
    if (!m_keys.empty())
        m_text += ',';
    appendJsonKey(m_text, key);
    m_pieces.push_back(Piece{m_text.size(), rawValue.size(), valueLocation});
    m_text.append(rawValue);
    m_keys.emplace_back(key);
    return true;
}

bool JaegerLooseObject::hasKey(std::string_view key) const
{
    return std::find(m_keys.begin(), m_keys.end(), key) != m_keys.end();
}

std::string_view JaegerLooseObject::json()
{
    m_json = m_text;
    m_json += '}';
    const size_t size = m_json.size();
    m_json.append(JsonScanner::kPadding, ' ');
    return std::string_view(m_json.data(), size);
}

SourceLocation JaegerLooseObject::locationOf(size_t offset) const
{
    for (const Piece& piece : m_pieces) {
        if (offset >= piece.offset && offset < piece.offset + piece.size)
            return JsonScanner::locationWithin(std::string_view(m_text).substr(piece.offset, piece.size),
                                               offset - piece.offset, piece.location);
    }
    return m_start; // in text we wrote ourselves: keys, commas, braces
}

} // namespace spanscope
