// SPDX-License-Identifier: MIT
#include "FramedSource.h"

#include "PeekableSource.h"
#include "importers/ImportFailure.h"
#include "model/ImportLimits.h"

#include <cstring>

namespace spanscope {

namespace {

constexpr std::string_view kZstdMagic("\x28\xB5\x2F\xFD", 4);
constexpr size_t kReadPiece = 1 << 20;

uint32_t readLength(std::string_view bytes)
{
    return uint32_t(uint8_t(bytes[0])) << 24 | uint32_t(uint8_t(bytes[1])) << 16 |
           uint32_t(uint8_t(bytes[2])) << 8 | uint32_t(uint8_t(bytes[3]));
}

bool plausiblePayloadStart(std::string_view payload)
{
    if (payload.empty())
        return false;
    const bool zstd = payload.size() >= 4 ? payload.substr(0, 4) == kZstdMagic : payload[0] == kZstdMagic[0];
    return uint8_t(payload[0]) == 0x0A || payload[0] == '{' || zstd;
}

class FramedSource final : public ByteSource
{
public:
    FramedSource(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
        : m_source(std::move(source)), m_limits(limits)
    {}

    size_t read(char* buffer, size_t size) override
    {
        while (m_pos == m_payload.size()) {
            if (!nextFrame())
                return 0;
        }
        const size_t n = std::min(size, m_payload.size() - m_pos);
        std::memcpy(buffer, m_payload.data() + m_pos, n);
        m_pos += n;
        return n;
    }
    uint64_t fileBytesRead() const override { return m_source->fileBytesRead(); }
    uint64_t fileSize() const override { return m_source->fileSize(); }
    std::string compression() const override { return m_source->compression(); }

private:
    bool readExactly(char* out, size_t size)
    {
        size_t done = 0;
        while (done < size) {
            const size_t n = m_source->read(out + done, size - done);
            if (n == 0)
                return done == 0 ? false : fail("file ends inside a frame (truncated)");
            done += n;
            m_offset += n;
        }
        return true;
    }

    [[noreturn]] bool fail(const std::string& message) const
    {
        throw ImportFailure(SourceLocation{m_offset, 0, 0}, message);
    }

    bool nextFrame()
    {
        char header[4];
        const uint64_t frameStart = m_offset;
        if (!readExactly(header, 4))
            return false;
        const uint32_t length = readLength(std::string_view(header, 4));
        if (length > m_limits.maxElementBytes)
            throw ImportFailure(SourceLocation{frameStart, 0, 0},
                                "frame of " + std::to_string(length) + " bytes is larger than the limit of " +
                                    std::to_string(m_limits.maxElementBytes));
        // Read in pieces: a header that claims a large frame costs memory only as its bytes arrive
        // (a 9-byte file could otherwise allocate maxElementBytes).
        std::string frame;
        while (frame.size() < length) {
            const size_t have = frame.size();
            const size_t piece = std::min<size_t>(length - have, kReadPiece);
            frame.resize(have + piece);
            if (!readExactly(frame.data() + have, piece))
                fail("file ends inside a frame (truncated)");
        }
        if (std::string_view(frame).substr(0, 4) == kZstdMagic) {
            // The decompressed frame is held whole too, so the element limit applies to it; and the
            // frames together count against the decompressed-size limit, as a compressed file does.
            try {
                frame = decompressZstdFrame(frame, m_limits, m_limits.maxElementBytes);
            } catch (const ImportFailure& failure) {
                // Report where the frame is in the stream, not the offset inside the frame.
                throw ImportFailure(SourceLocation{frameStart, 0, 0}, failure.what());
            }
            m_decompressed += frame.size();
            if (m_decompressed > m_limits.maxDecompressedBytes)
                throw ImportFailure(SourceLocation{frameStart, 0, 0},
                                    "zstd: decompressed frames exceed the limit of " +
                                        std::to_string(m_limits.maxDecompressedBytes) + " bytes");
        }
        if (!frame.empty() && frame[0] != char(0x0A))
            frame += '\n'; // JSON frames become JSON Lines
        m_payload = std::move(frame);
        m_pos = 0;
        return true;
    }

    std::unique_ptr<ByteSource> m_source;
    const ImportLimits& m_limits;
    std::string m_payload;
    size_t m_pos = 0;
    uint64_t m_offset = 0;
    uint64_t m_decompressed = 0;
};

} // namespace

bool looksFramed(std::string_view head)
{
    if (head.size() < 5)
        return false;
    const uint64_t length = readLength(head);
    if (length == 0 || !plausiblePayloadStart(head.substr(4)))
        return false;
    if (4 + length > head.size())
        return head[0] == 0; // no JSON or protobuf message starts with a zero byte
    if (4 + length == head.size())
        return true;
    // A second frame header must follow the first frame.
    if (4 + length + 5 > head.size())
        return head[0] == 0;
    const std::string_view next = head.substr(4 + length);
    return readLength(next) > 0 && plausiblePayloadStart(next.substr(4));
}

std::unique_ptr<ByteSource> framedSource(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
{
    return std::make_unique<FramedSource>(std::move(source), limits);
}

} // namespace spanscope
