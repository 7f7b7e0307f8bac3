// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

namespace spanscope {

// Limits that keep hostile or broken files from exhausting memory or time. Every limit is enforced
// with a warning or a clear error, never a crash. Documented in docs/LIMITS.md; the values here are
// the defaults, and the window's settings and the command line can change some of them.
struct ImportLimits
{
    // JSON and protobuf nesting depth (objects, arrays, nested messages). Real traces stay under 20.
    uint32_t maxNestingDepth = 128;
    // Attribute values longer than this are cut at a UTF-8 boundary and carry a visible marker.
    uint32_t maxValueBytes = 64 * 1024;
    // Attributes kept per span, event, link, resource or scope; the rest are dropped and counted.
    uint32_t maxAttributesPerOwner = 1024;
    // Events and links kept per span.
    uint32_t maxEventsPerSpan = 10000;
    uint32_t maxLinksPerSpan = 1000;
    // Spans read from one file; the rest are skipped with a warning (a setting).
    uint64_t maxSpansPerFile = 50'000'000;
    // One JSON element (a span, a resource, a Jaeger trace header) or protobuf message held whole.
    uint64_t maxElementBytes = 256ull * 1024 * 1024;
    // Decompressed size of a gzip or zstd file, and the ratio decompressed/compressed tolerated
    // once more than ratioCheckAfterBytes have come out (zip bombs inflate at 1000:1 and more).
    uint64_t maxDecompressedBytes = 64ull * 1024 * 1024 * 1024;
    uint32_t maxCompressionRatio = 1000;
    uint64_t ratioCheckAfterBytes = 64ull * 1024 * 1024;
};

} // namespace spanscope
