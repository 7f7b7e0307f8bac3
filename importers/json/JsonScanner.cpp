// SPDX-License-Identifier: MIT
#include "JsonScanner.h"

#include "JsonElement.h"
#include "StructuralBlocks.h"
#include "importers/ImportFailure.h"
#include "importers/io/ByteSource.h"
#include "model/Ids.h"
#include "model/ImportLimits.h"

#include <algorithm>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace spanscope {

namespace {

// Byte scans 16 at a time (SSE2 is part of every x86-64): inside a string only quotes and
// backslashes matter, outside only quotes, brackets and newlines.
const char* findQuoteOrBackslash(const char* p, const char* end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; p + 16 <= end; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const int mask =
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        if (mask)
            return p + __builtin_ctz(unsigned(mask));
    }
#endif
    for (; p < end; ++p) {
        if (*p == '"' || *p == '\\')
            return p;
    }
    return end;
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Levels of one skipped or captured value whose bracket types are checked (see scanContainer).
constexpr uint64_t kTrackedBrackets = 1 << 16;

bool isDelimiter(char c)
{
    return c == ',' || c == '}' || c == ']' || isWhitespace(c);
}

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

void JsonScanner::scanStringBody()
{
    // m_pos is at the opening quote and stays there until the string is complete, so a refill keeps
    // the string's bytes; the search resumes where it stopped.
    uint64_t searchFrom = m_base + m_pos + 1;
    for (;;) {
        const char* data = m_buffer.data();
        const size_t end = limit();
        const char* p = data + (searchFrom - m_base);
        const char* const stop = data + end;
        while (p < stop) {
            p = findQuoteOrBackslash(p, stop);
            if (p == stop)
                break;
            if (*p == '"') {
                m_pos = size_t(p - data) + 1;
                return;
            }
            if (p + 1 >= stop)
                break; // an escape whose second byte is not read yet: resume at the backslash
            p += 2;
        }
        searchFrom = m_base + size_t(std::min(p, stop) - data);
        if (!fillMore())
            fail("unexpected end of input inside a string");
    }
}

void JsonScanner::scanContainer()
{
    // 64 bytes at a time: masks of quotes, backslashes, brackets and newlines; the bytes inside
    // strings by a prefix XOR of the (unescaped) quotes; then only the brackets outside strings are
    // visited, in order. No depth limit here: the element parser that reads the value refuses nesting
    // beyond the limit for that element only (a warning, not the end of the file). The bracket types
    // of the first kTrackedBrackets levels are kept, so a mismatch is reported where it is; deeper
    // levels are only counted, so that skipping any nesting needs bounded memory.
    m_brackets.clear();
    uint64_t depth = 0;
    bool inString = false;
    bool escapeNext = false;
    char tail[64];
    for (;;) {
        const char* data = m_buffer.data();
        const size_t end = limit();
        size_t i = m_pos;
        while (i < end) {
            const size_t available = end - i;
            const char* block = data + i;
            if (available < 64) {
                // The last partial block: padded with spaces, which mean nothing to the structure.
                std::memset(tail, ' ', sizeof tail);
                std::memcpy(tail, block, available);
                block = tail;
            }
            StructuralBlock masks = StructuralBlock::of(block);
            const size_t width = std::min<size_t>(available, 64);
            const uint64_t valid = width == 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
            if (masks.backslashes || escapeNext) {
                // Rare in traces: find the escaped bytes one by one.
                uint64_t escaped = 0;
                for (size_t k = 0; k < width; ++k) {
                    if (escapeNext) {
                        escaped |= uint64_t(1) << k;
                        escapeNext = false;
                    } else if (block[k] == '\\') {
                        escapeNext = true;
                    }
                }
                masks.quotes &= ~escaped;
            }
            uint64_t strings = prefixXor(masks.quotes & valid);
            if (inString)
                strings = ~strings;
            inString = (strings >> (width - 1)) & 1;
            uint64_t structure = (masks.opens | masks.closes) & ~strings & valid;
            const uint64_t newlines = masks.newlines & ~strings & valid;
            while (structure) {
                const int bit = __builtin_ctzll(structure);
                structure &= structure - 1;
                const char c = block[bit];
                if (c == '{' || c == '[') {
                    if (++depth <= kTrackedBrackets)
                        m_brackets.push_back(c);
                    continue;
                }
                if (depth <= kTrackedBrackets) {
                    if (m_brackets.empty() || m_brackets.back() != (c == '}' ? '{' : '[')) {
                        m_pos = i + size_t(bit);
                        failAtFirstSyntaxError(m_pos, std::string("unexpected '") + c + "'");
                    }
                    m_brackets.pop_back();
                }
                if (--depth == 0) {
                    // Count the lines the value spanned, up to its end.
                    const uint64_t before = bit == 63 ? newlines : newlines & ((uint64_t(2) << bit) - 1);
                    if (before) {
                        m_line += uint32_t(__builtin_popcountll(before));
                        m_lineStart = m_base + i + size_t(63 - __builtin_clzll(before)) + 1;
                    }
                    m_pos = i + size_t(bit) + 1;
                    return;
                }
            }
            if (newlines) {
                m_line += uint32_t(__builtin_popcountll(newlines));
                m_lineStart = m_base + i + size_t(63 - __builtin_clzll(newlines)) + 1;
            }
            i += width;
        }
        m_pos = end;
        if (!fillMore())
            fail(inString ? "unexpected end of input inside a string"
                          : "unexpected end of input inside an object or array");
    }
}

void JsonScanner::failAtFirstSyntaxError(size_t index, const std::string& fallback)
{
    // While capturing, the value so far is in the buffer: the first error in it may come before the
    // bracket that gave it away.
    if (m_anchor != SIZE_MAX) {
        const std::string_view partial(m_buffer.data() + m_anchor, index + 1 - m_anchor);
        if (const auto error = findJsonSyntaxError(partial); error && error->offset < partial.size() - 1)
            throw ImportFailure(locationWithin(partial, error->offset, m_captureLocation), error->message);
    }
    m_pos = index;
    fail(fallback);
}

void JsonScanner::scanScalar()
{
    const char first = current();
    if (first != '-' && first != 't' && first != 'f' && first != 'n' && (first < '0' || first > '9'))
        fail("expected a value");
    for (;;) {
        const size_t end = limit();
        while (m_pos < end && !isDelimiter(m_buffer[m_pos])) {
            if (m_pos - m_anchor > 400)
                fail("a number or literal of more than 400 characters");
            ++m_pos;
        }
        if (m_pos < end || !fillMore())
            return;
    }
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
