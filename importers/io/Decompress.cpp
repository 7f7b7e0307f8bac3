// SPDX-License-Identifier: MIT
#include "ByteSource.h"
#include "PeekableSource.h"
#include "importers/ImportFailure.h"
#include "model/ImportLimits.h"

#include <cstring>
#include <memory>
#include <zlib.h>
#include <zstd.h>

namespace spanscope {

namespace {

constexpr size_t kInputChunk = 1 << 20;

// Shared by both decompressors: reading compressed input and enforcing the size and ratio limits
// that stop decompression bombs (docs/LIMITS.md).
class Decompressor : public ByteSource
{
public:
    Decompressor(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
        : m_source(std::move(source)), m_limits(limits),
          m_input(std::make_unique_for_overwrite<char[]>(kInputChunk))
    {}

    uint64_t fileBytesRead() const override { return m_source->fileBytesRead(); }
    uint64_t fileSize() const override { return m_source->fileSize(); }

protected:
    // Refills the input buffer; returns false at the end of the compressed stream.
    bool fillInput()
    {
        m_inputSize = m_source->read(m_input.get(), kInputChunk);
        m_inputPos = 0;
        m_compressedIn += m_inputSize;
        return m_inputSize > 0;
    }

    void account(size_t produced)
    {
        m_out += produced;
        if (m_out > m_limits.maxDecompressedBytes)
            fail("decompressed content exceeds the limit of " +
                 std::to_string(m_limits.maxDecompressedBytes) + " bytes");
        if (m_out > m_limits.ratioCheckAfterBytes &&
            m_out / std::max<uint64_t>(m_compressedIn, 1) > m_limits.maxCompressionRatio)
            fail("content inflates more than " + std::to_string(m_limits.maxCompressionRatio) +
                 " times its compressed size (a decompression bomb?); stopped after " +
                 std::to_string(m_out) + " bytes");
    }

    [[noreturn]] void fail(const std::string& message) const
    {
        throw ImportFailure(SourceLocation{m_source->fileBytesRead(), 0, 0}, compression() + ": " + message);
    }

    std::unique_ptr<ByteSource> m_source;
    const ImportLimits& m_limits;
    std::unique_ptr<char[]> m_input; // not zero-filled: every byte used is read first
    size_t m_inputSize = 0;
    size_t m_inputPos = 0;
    uint64_t m_compressedIn = 0;
    uint64_t m_out = 0;
};

class GzipSource final : public Decompressor
{
public:
    GzipSource(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
        : Decompressor(std::move(source), limits)
    {
        std::memset(&m_stream, 0, sizeof m_stream);
        if (inflateInit2(&m_stream, 16 + MAX_WBITS) != Z_OK)
            fail("cannot initialise zlib");
    }
    ~GzipSource() override { inflateEnd(&m_stream); }
    std::string compression() const override { return "gzip"; }

    size_t read(char* buffer, size_t size) override
    {
        if (m_finished || size == 0)
            return 0;
        m_stream.next_out = reinterpret_cast<Bytef*>(buffer);
        m_stream.avail_out = uInt(std::min<size_t>(size, 1u << 30));
        while (m_stream.next_out == reinterpret_cast<Bytef*>(buffer)) {
            if (m_inputPos == m_inputSize) {
                if (!fillInput()) {
                    if (m_memberOpen)
                        fail("file ends inside a gzip stream (truncated)");
                    m_finished = true;
                    break;
                }
            }
            m_stream.next_in = reinterpret_cast<Bytef*>(m_input.get() + m_inputPos);
            m_stream.avail_in = uInt(m_inputSize - m_inputPos);
            m_memberOpen = true;
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            m_inputPos = m_inputSize - m_stream.avail_in;
            if (rc == Z_STREAM_END) {
                // Another gzip member may follow (concatenated .gz files are valid).
                m_memberOpen = false;
                inflateReset(&m_stream);
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                fail(std::string("corrupt data (") + (m_stream.msg ? m_stream.msg : "inflate failed") + ")");
            }
        }
        const auto produced = size_t(m_stream.next_out - reinterpret_cast<Bytef*>(buffer));
        account(produced);
        return produced;
    }

private:
    z_stream m_stream;
    bool m_finished = false;
    bool m_memberOpen = false;
};

class ZstdSource final : public Decompressor
{
public:
    ZstdSource(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
        : Decompressor(std::move(source), limits), m_context(ZSTD_createDCtx())
    {
        if (!m_context)
            fail("cannot initialise zstd");
        // Refuse frames that need a window bigger than 128 MiB: real exporters use a few MiB.
        ZSTD_DCtx_setParameter(m_context, ZSTD_d_windowLogMax, 27);
    }
    ~ZstdSource() override { ZSTD_freeDCtx(m_context); }
    std::string compression() const override { return "zstd"; }

    size_t read(char* buffer, size_t size) override
    {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0 && !m_finished) {
            if (m_inputPos == m_inputSize && !fillInput()) {
                if (m_frameOpen)
                    fail("file ends inside a zstd frame (truncated)");
                m_finished = true;
                break;
            }
            ZSTD_inBuffer in{m_input.get(), m_inputSize, m_inputPos};
            const size_t rc = ZSTD_decompressStream(m_context, &out, &in);
            m_inputPos = in.pos;
            if (ZSTD_isError(rc))
                fail(std::string("corrupt data (") + ZSTD_getErrorName(rc) + ")");
            m_frameOpen = rc != 0;
        }
        account(out.pos);
        return out.pos;
    }

private:
    ZSTD_DCtx* m_context;
    bool m_finished = false;
    bool m_frameOpen = false;
};

} // namespace

std::unique_ptr<ByteSource> decompressingSource(std::unique_ptr<ByteSource> source,
                                                const ImportLimits& limits)
{
    auto peekable = std::make_unique<PeekableSource>(std::move(source));
    const std::string_view head = peekable->peek(4);
    if (head.size() >= 2 && uint8_t(head[0]) == 0x1F && uint8_t(head[1]) == 0x8B)
        return std::make_unique<GzipSource>(std::move(peekable), limits);
    if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4))
        return std::make_unique<ZstdSource>(std::move(peekable), limits);
    return peekable;
}

std::string decompressZstdFrame(std::string_view frame, const ImportLimits& limits, uint64_t maxBytes)
{
    ZstdSource source(memorySource(std::string(frame)), limits);
    std::string out;
    char chunk[65536];
    while (const size_t n = source.read(chunk, sizeof chunk)) {
        if (n > maxBytes - out.size())
            throw ImportFailure(SourceLocation{}, "zstd: the frame decompresses to more than the limit of " +
                                                      std::to_string(maxBytes) + " bytes");
        out.append(chunk, n);
    }
    return out;
}

} // namespace spanscope
