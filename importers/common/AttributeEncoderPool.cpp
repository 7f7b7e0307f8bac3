// SPDX-License-Identifier: MIT
#include "AttributeEncoderPool.h"

namespace spanscope {

AttributeEncoder& AttributeEncoderPool::fresh(size_t index)
{
    while (m_encoders.size() <= index)
        m_encoders.emplace_back(&m_limits);
    AttributeEncoder& encoder = m_encoders[index];
    encoder.clear();
    encoder.resetLimitCounters();
    return encoder;
}

void noteAttributeLimits(const AttributeEncoder& encoder, const ImportLimits& limits, std::string_view noun,
                         std::string_view owner, std::vector<std::string>& notes)
{
    if (!encoder.truncatedValues() && !encoder.droppedAttributes())
        return; // the usual case, for every span: build no text
    const std::string ofOwner = std::string(" of a ") + std::string(owner);
    if (encoder.truncatedValues())
        notes.push_back(std::to_string(encoder.truncatedValues()) + " " + std::string(noun) + " value(s)" +
                        ofOwner + " truncated to " + std::to_string(limits.maxValueBytes) + " bytes");
    if (encoder.droppedAttributes())
        notes.push_back(std::to_string(encoder.droppedAttributes()) + " " + std::string(noun) + "(s)" +
                        ofOwner + " dropped (limit " + std::to_string(limits.maxAttributesPerOwner) + ")");
}

} // namespace spanscope
