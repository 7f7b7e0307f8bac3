// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <cstdint>
#include <random>

namespace spanscope::test {

// Deterministic damage to a valid file, as hostile-input tests use it: bytes replaced by random
// ones or by JSON's structural characters, runs removed, repeated or cut off. One seed, one
// sequence of files, so a failure reproduces.
class ByteMutator
{
public:
    explicit ByteMutator(uint32_t seed) : m_random(seed) {}

    // A copy of original with one to four edits.
    QByteArray mutate(const QByteArray& original);

private:
    size_t below(size_t n);

    std::mt19937 m_random;
};

// size pseudo-random bytes, the same every run, that are neither JSON nor protobuf (the first byte
// is not '{', '[' or 0x0A).
QByteArray garbageBytes(int size);

} // namespace spanscope::test
