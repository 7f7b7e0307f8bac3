// SPDX-License-Identifier: MIT
#pragma once

#include "ByteSource.h"

#include <string>
#include <string_view>

namespace spanscope {

// Lets the format sniffer look at the first bytes of a stream and then hand the whole stream,
// those bytes included, to the importer it picked.
class PeekableSource final : public ByteSource
{
public:
    explicit PeekableSource(std::unique_ptr<ByteSource> source) : m_source(std::move(source)) {}

    // Up to size bytes from the current position, without consuming them.
    std::string_view peek(size_t size);

    size_t read(char* buffer, size_t size) override;
    uint64_t fileBytesRead() const override { return m_source->fileBytesRead(); }
    uint64_t fileSize() const override { return m_source->fileSize(); }
    std::string compression() const override { return m_source->compression(); }

private:
    std::unique_ptr<ByteSource> m_source;
    std::string m_buffered;
    size_t m_pos = 0;
    bool m_eof = false;
};

// Decompresses one zstd frame held in memory (the collector's length-prefixed, per-message zstd).
// Throws ImportFailure if it is corrupt, breaks the decompression limits or inflates beyond maxBytes.
std::string decompressZstdFrame(std::string_view frame, const ImportLimits& limits, uint64_t maxBytes);

} // namespace spanscope
