// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace spanscope::test {

// Input as it reaches Spanscope from compressing tools and the Collector's file exporter, made in
// memory so that the tests need no binary fixtures for it. Each aborts the test run (qFatal) when
// the library fails: the input would be wrong, and every later check meaningless.

// One gzip member (what `gzip` writes); members concatenated are what `cat a.gz b.gz` gives.
QByteArray gzipped(const QByteArray& data);
// One zstd frame (what `zstd` writes, and the Collector's `compression: zstd` per message).
QByteArray zstdCompressed(const QByteArray& data);
// The Collector file exporter's frame: a 4-byte big-endian length, then the message.
QByteArray framed(const QByteArray& message);

} // namespace spanscope::test
