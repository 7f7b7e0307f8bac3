// SPDX-License-Identifier: MIT
// The byte scans that find where a value ends (a string, an object or array, a number or literal):
// the scanner's hot loops, kept in one file with the helpers the compiler inlines into them.
#include "JsonElement.h"
#include "JsonScanner.h"
#include "StructuralBlocks.h"
#include "importers/ImportFailure.h"

#include <algorithm>
#include <cstring>
#include <string>
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

} // namespace

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

} // namespace spanscope
