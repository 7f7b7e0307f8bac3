// SPDX-License-Identifier: MIT
#pragma once

#include "model/AttributeCodec.h"
#include "model/ImportLimits.h"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

// Encoders for a span's events or links, kept from span to span so their buffers are reused: a
// span's records point into them until the span is handed to the sink. A deque, because handing
// out a new encoder must not move the ones already in use.
class AttributeEncoderPool
{
public:
    explicit AttributeEncoderPool(const ImportLimits& limits) : m_limits(limits) {}

    // The index-th encoder, empty and with its limit counters at zero.
    AttributeEncoder& fresh(size_t index);

private:
    const ImportLimits& m_limits;
    std::deque<AttributeEncoder> m_encoders;
};

// Appends to notes what the limits cut from one owner's attributes, in the words of its format:
// "3 tag value(s) of a log truncated to 65536 bytes", "12 attribute(s) of a span dropped (limit
// 1024)". noun is what the format calls an attribute, owner what holds them.
void noteAttributeLimits(const AttributeEncoder& encoder, const ImportLimits& limits, std::string_view noun,
                         std::string_view owner, std::vector<std::string>& notes);

} // namespace spanscope
