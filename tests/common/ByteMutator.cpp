// SPDX-License-Identifier: MIT
#include "ByteMutator.h"

namespace spanscope::test {

size_t ByteMutator::below(size_t n)
{
    return n == 0 ? size_t(0) : size_t(m_random() % n);
}

QByteArray ByteMutator::mutate(const QByteArray& original)
{
    // Characters that move a JSON parser between states; random bytes alone rarely do.
    static constexpr char structural[] = "{}[]\",:0-e.\\ntu";
    QByteArray bytes = original;
    const int edits = 1 + int(below(4));
    for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
        const auto at = qsizetype(below(size_t(bytes.size())));
        switch (below(5)) {
        case 0:
            bytes[at] = char(below(256));
            break;
        case 1:
            bytes[at] = structural[below(sizeof structural - 1)];
            break;
        case 2:
            bytes.remove(at, qsizetype(below(40)));
            break;
        case 3:
            bytes.insert(at, bytes.mid(qsizetype(below(size_t(bytes.size()))), qsizetype(below(60))));
            break;
        default:
            bytes.truncate(at);
            break;
        }
    }
    return bytes;
}

QByteArray garbageBytes(int size)
{
    QByteArray bytes;
    bytes.reserve(size);
    uint32_t state = 0x9E3779B9;
    for (int i = 0; i < size; ++i) {
        state = state * 1664525 + 1013904223; // a linear congruential generator: same bytes every run
        bytes += char(state >> 24);
    }
    if (!bytes.isEmpty())
        bytes[0] = char(0xC3);
    return bytes;
}

} // namespace spanscope::test
