// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace spanscope {

struct ImportLimits;

// A stream of bytes an importer reads: a file, or the decompressed content of one. Errors throw
// ImportFailure with the byte offset.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    // Reads up to size bytes; returns 0 only at the end of the stream.
    virtual size_t read(char* buffer, size_t size) = 0;
    // Bytes consumed from the file on disk so far: what progress is measured in.
    virtual uint64_t fileBytesRead() const = 0;
    // Size of the file on disk, for progress; 0 if unknown.
    virtual uint64_t fileSize() const = 0;
    // "gzip", "zstd" or "" for a plain stream.
    virtual std::string compression() const { return {}; }
};

// A plain file, read with large sequential reads.
std::unique_ptr<ByteSource> openFileSource(const std::string& path);
// Bytes already in memory (tests, fuzzers, a decompressed protobuf frame).
std::unique_ptr<ByteSource> memorySource(std::string bytes);
// Wraps a source, recognises gzip and zstd by their magic bytes and decompresses them (a file
// may hold several concatenated gzip members or zstd frames). Other content passes through.
std::unique_ptr<ByteSource> decompressingSource(std::unique_ptr<ByteSource> source,
                                                const ImportLimits& limits);

} // namespace spanscope
