// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace spanscope {

// Bit masks of the bytes that matter to JSON structure in one 64-byte block: what the scanner needs
// to find where a value ends without looking at every byte (simdjson's stage 1 idea, in small).
struct StructuralBlock
{
    uint64_t quotes = 0;
    uint64_t backslashes = 0;
    uint64_t opens = 0;  // '{' and '['
    uint64_t closes = 0; // '}' and ']'
    uint64_t newlines = 0;

    // `bytes` must have 64 readable bytes.
    static StructuralBlock of(const char* bytes)
    {
        StructuralBlock block;
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i newline = _mm_set1_epi8('\n');
        const __m128i openCurly = _mm_set1_epi8('{');
        const __m128i openSquare = _mm_set1_epi8('[');
        const __m128i closeCurly = _mm_set1_epi8('}');
        const __m128i closeSquare = _mm_set1_epi8(']');
        for (int part = 0; part < 4; ++part) {
            const int shift = 16 * part;
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + shift));
            const auto bits = [&](__m128i mask) {
                return uint64_t(uint32_t(_mm_movemask_epi8(mask))) << shift;
            };
            block.quotes |= bits(_mm_cmpeq_epi8(v, quote));
            block.backslashes |= bits(_mm_cmpeq_epi8(v, backslash));
            block.newlines |= bits(_mm_cmpeq_epi8(v, newline));
            block.opens |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, openCurly), _mm_cmpeq_epi8(v, openSquare)));
            block.closes |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, closeCurly), _mm_cmpeq_epi8(v, closeSquare)));
        }
#else
        for (int i = 0; i < 64; ++i) {
            const uint64_t bit = uint64_t(1) << i;
            switch (bytes[i]) {
            case '"':
                block.quotes |= bit;
                break;
            case '\\':
                block.backslashes |= bit;
                break;
            case '\n':
                block.newlines |= bit;
                break;
            case '{':
            case '[':
                block.opens |= bit;
                break;
            case '}':
            case ']':
                block.closes |= bit;
                break;
            default:
                break;
            }
        }
#endif
        return block;
    }
};

// Bit i set when an odd number of bits at positions <= i are set: with the quote mask, the bytes
// inside strings (opening quote included, closing quote excluded).
inline uint64_t prefixXor(uint64_t bits)
{
    bits ^= bits << 1;
    bits ^= bits << 2;
    bits ^= bits << 4;
    bits ^= bits << 8;
    bits ^= bits << 16;
    bits ^= bits << 32;
    return bits;
}

} // namespace spanscope
