// SPDX-License-Identifier: MIT
#include "Compression.h"

#include <QStringBuilder> // QByteArray + QByteArray under QT_USE_QSTRINGBUILDER
#include <QtGlobal>
#include <cstdint>
#include <zlib.h>
#include <zstd.h>

namespace spanscope::test {

QByteArray gzipped(const QByteArray& data)
{
    z_stream stream{};
    // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
        qFatal("deflate failed");
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray zstdCompressed(const QByteArray& data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), '\0');
    const size_t size =
        ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), 3);
    if (ZSTD_isError(size))
        qFatal("ZSTD_compress failed");
    out.resize(qsizetype(size));
    return out;
}

QByteArray framed(const QByteArray& message)
{
    const auto size = uint32_t(message.size());
    QByteArray out;
    out += char(size >> 24);
    out += char(size >> 16);
    out += char(size >> 8);
    out += char(size);
    return out + message;
}

} // namespace spanscope::test
