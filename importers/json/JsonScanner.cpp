// SPDX-License-Identifier: MIT
// Navigation and buffering: the refill of the read buffer, whitespace, documents and lines, objects
// and arrays, and the value-level calls built on the scans in JsonScannerValueScans.cpp. String
// unescaping is in JsonScannerStrings.cpp.
#include "JsonScanner.h"

#include "importers/ImportFailure.h"
#include "importers/io/ByteSource.h"
#include "model/ImportLimits.h"

#include <algorithm>
#include <cstring>

namespace spanscope {

JsonScanner::JsonScanner(ByteSource& source, const ImportLimits& limits, size_t chunkSize)
    : m_source(source), m_limits(limits), m_chunkSize(std::max<size_t>(chunkSize, 64)),
      m_buffer(std::min(m_chunkSize, kInitialBytes) + kPadding, ' ')
{}

SourceLocation JsonScanner::location() const
{
    const uint64_t offset = m_base + m_pos;
    return SourceLocation{offset, m_line, uint32_t(offset - m_lineStart + 1)};
}

void JsonScanner::fail(const std::string& message) const
{
    throw ImportFailure(location(), message);
}

SourceLocation JsonScanner::locationWithin(std::string_view captured, size_t offset, SourceLocation start)
{
    offset = std::min(offset, captured.size());
    SourceLocation location = start;
    location.offset += offset;
    size_t lineStart = SIZE_MAX;
    for (size_t i = 0; i < offset; ++i) {
        if (captured[i] == '\n') {
            ++location.line;
            lineStart = i + 1;
        }
    }
    location.column =
        lineStart == SIZE_MAX ? uint32_t(start.column + offset) : uint32_t(offset - lineStart + 1);
    return location;
}

size_t JsonScanner::limit() const
{
    if (m_lineMode && m_lineEnd != UINT64_MAX)
        return size_t(std::min<uint64_t>(m_lineEnd - m_base, m_end));
    return m_end;
}

bool JsonScanner::fillMore()
{
    if (m_lineMode && m_lineEnd != UINT64_MAX && m_base + m_end > m_lineEnd)
        return false; // the end of this line is already in the buffer
    if (m_eof)
        return false;

    const size_t capacity = m_buffer.size() - kPadding;
    if (m_anchor != SIZE_MAX && m_end - m_anchor > m_limits.maxElementBytes)
        failElementTooLarge();
    const size_t keep = std::min(m_pos, m_anchor);
    if (keep > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + keep, m_end - keep);
        m_base += keep;
        m_pos -= keep;
        m_end -= keep;
        if (m_anchor != SIZE_MAX)
            m_anchor -= keep;
    }
    if (capacity < m_chunkSize && (m_end == capacity || m_lastReadFilled)) {
        // Still growing to the chunk size: a big file (the last read filled the buffer) or a value
        // that spans the buffer. Small files never pay for the whole chunk.
        m_buffer.resize(std::min(capacity * 2, m_chunkSize) + kPadding, ' ');
    } else if (m_end == capacity) {
        // Everything in the buffer is one value still being read: grow, within the limit.
        if (capacity >= m_limits.maxElementBytes)
            fail("a single JSON value is larger than the limit of " +
                 std::to_string(m_limits.maxElementBytes) + " bytes");
        m_buffer.resize(std::min<size_t>(capacity * 2, m_limits.maxElementBytes + m_chunkSize) + kPadding,
                        ' ');
    }
    const size_t requested = m_buffer.size() - kPadding - m_end;
    const size_t n = m_source.read(m_buffer.data() + m_end, requested);
    m_lastReadFilled = n == requested;
    if (n == 0) {
        m_eof = true;
        return false;
    }
    const size_t oldEnd = m_end;
    m_end += n;
    if (m_lineMode && m_lineEnd == UINT64_MAX) {
        const size_t from =
            std::max<size_t>(oldEnd, size_t(std::max<uint64_t>(m_lineSearched, m_base) - m_base));
        if (const void* newline = std::memchr(m_buffer.data() + from, '\n', m_end - from))
            m_lineEnd = m_base + uint64_t(static_cast<const char*>(newline) - m_buffer.data());
        m_lineSearched = m_base + m_end;
    }
    if (m_readCallback)
        m_readCallback();
    return true;
}

bool JsonScanner::more()
{
    while (m_pos >= limit()) {
        if (!fillMore())
            return false;
    }
    return true;
}

char JsonScanner::current()
{
    return m_buffer[m_pos];
}

void JsonScanner::noteNewline(size_t index)
{
    ++m_line;
    m_lineStart = m_base + index + 1;
}

void JsonScanner::skipWhitespace()
{
    for (;;) {
        const size_t end = limit();
        while (m_pos < end) {
            const char c = m_buffer[m_pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++m_pos;
            } else if (c == '\n') {
                noteNewline(m_pos);
                ++m_pos;
            } else {
                return;
            }
        }
        if (!fillMore())
            return;
    }
}

bool JsonScanner::nextDocument()
{
    m_stack.clear();
    if (!m_lineMode) {
        skipWhitespace();
        return more();
    }
    for (;;) {
        if (m_lineEnd != UINT64_MAX && m_base + m_pos >= m_lineEnd) {
            // Step over the newline that ended the previous line and look for the next one.
            while (m_pos >= m_end) {
                if (!fillMore())
                    return false;
            }
            ++m_pos;
            ++m_line;
            m_lineStart = m_base + m_pos;
            m_lineEnd = UINT64_MAX;
            m_lineSearched = m_base + m_pos;
            if (const void* newline = std::memchr(m_buffer.data() + m_pos, '\n', m_end - m_pos))
                m_lineEnd = m_base + uint64_t(static_cast<const char*>(newline) - m_buffer.data());
            m_lineSearched = m_base + m_end;
        }
        skipWhitespace();
        if (more())
            return true;
        if (m_lineEnd == UINT64_MAX)
            return false; // end of input
    }
}

void JsonScanner::endDocument()
{
    if (!m_lineMode)
        return;
    skipWhitespace();
    if (more())
        fail("unexpected text after the end of the JSON value on this line");
}

void JsonScanner::skipRestOfLine()
{
    m_stack.clear();
    m_anchor = SIZE_MAX;
    for (;;) {
        m_pos = limit();
        if (m_lineEnd != UINT64_MAX && m_base + m_pos >= m_lineEnd)
            return;
        if (!fillMore())
            return;
    }
}

void JsonScanner::expect(char c, const char* what)
{
    skipWhitespace();
    if (!more())
        fail(std::string("unexpected end of input, expected ") + what);
    if (current() != c)
        fail(std::string("expected ") + what);
    ++m_pos;
}

void JsonScanner::push(bool object)
{
    if (m_stack.size() >= m_limits.maxNestingDepth)
        fail("JSON nesting deeper than " + std::to_string(m_limits.maxNestingDepth) + " levels");
    m_stack.push_back(Frame{object, true});
}

JsonKind JsonScanner::peek()
{
    skipWhitespace();
    if (!more())
        return JsonKind::End;
    switch (current()) {
    case '{':
        return JsonKind::Object;
    case '[':
        return JsonKind::Array;
    case '"':
        return JsonKind::String;
    case 't':
    case 'f':
        return JsonKind::Bool;
    case 'n':
        return JsonKind::Null;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return JsonKind::Number;
    default:
        return JsonKind::Invalid;
    }
}

void JsonScanner::enterObject()
{
    expect('{', "'{'");
    push(true);
}

void JsonScanner::enterArray()
{
    expect('[', "'['");
    push(false);
}

bool JsonScanner::nextKey(std::string_view& key)
{
    Frame& frame = m_stack.back();
    skipWhitespace();
    if (!more())
        fail("unexpected end of input inside an object");
    char c = current();
    if (c == '}') {
        ++m_pos;
        m_stack.pop_back();
        return false;
    }
    if (!frame.first) {
        if (c != ',')
            fail("expected ',' or '}' in an object");
        ++m_pos;
        skipWhitespace();
        if (!more())
            fail("unexpected end of input inside an object");
        c = current();
    }
    frame.first = false;
    if (c != '"')
        fail("expected a key in double quotes");
    m_anchor = m_pos;
    scanStringBody();
    const size_t open = m_anchor;
    m_anchor = SIZE_MAX;
    const size_t close = m_pos - 1;
    expect(':', "':' after a key");
    key = unescape(open + 1, close);
    return true;
}

bool JsonScanner::nextElement()
{
    Frame& frame = m_stack.back();
    skipWhitespace();
    if (!more())
        fail("unexpected end of input inside an array");
    const char c = current();
    if (c == ']') {
        ++m_pos;
        m_stack.pop_back();
        return false;
    }
    if (!frame.first) {
        if (c != ',')
            fail("expected ',' or ']' in an array");
        ++m_pos;
        skipWhitespace();
        if (more() && current() == ']')
            fail("trailing comma in an array");
    }
    frame.first = false;
    return true;
}

std::string_view JsonScanner::captureValue()
{
    skipWhitespace();
    if (!more())
        fail("unexpected end of input, expected a value");
    m_captureLocation = location();
    m_anchor = m_pos;
    const char c = current();
    if (c == '{' || c == '[')
        scanContainer();
    else if (c == '"')
        scanStringBody();
    else
        scanScalar();
    const size_t begin = m_anchor;
    m_anchor = SIZE_MAX;
    if (m_pos - begin > m_limits.maxElementBytes) {
        m_pos = begin;
        failElementTooLarge();
    }
    return std::string_view(m_buffer.data() + begin, m_pos - begin);
}

void JsonScanner::failElementTooLarge() const
{
    fail("a single JSON value is larger than the limit of " + std::to_string(m_limits.maxElementBytes) +
         " bytes");
}

void JsonScanner::skipValue()
{
    skipWhitespace();
    if (!more())
        fail("unexpected end of input, expected a value");
    const char c = current();
    if (c == '{' || c == '[') {
        scanContainer();
    } else if (c == '"') {
        scanStringBody();
    } else {
        m_anchor = m_pos;
        scanScalar();
        m_anchor = SIZE_MAX;
    }
}

std::string_view JsonScanner::readScalar()
{
    skipWhitespace();
    if (!more())
        fail("unexpected end of input, expected a value");
    m_anchor = m_pos;
    scanScalar();
    const size_t begin = m_anchor;
    m_anchor = SIZE_MAX;
    const std::string_view token(m_buffer.data() + begin, m_pos - begin);
    if ((token[0] == 't' && token != "true") || (token[0] == 'f' && token != "false") ||
        (token[0] == 'n' && token != "null")) {
        m_pos = begin;
        fail("invalid literal");
    }
    return token;
}

} // namespace spanscope
