// SPDX-License-Identifier: MIT
#include "AttributeColumn.h"

namespace spanscope {

AttributeColumnBuilder::AttributeColumnBuilder(AttributeColumn& column) : m_column(column)
{
    for (uint32_t i = 0; i < column.values.size(); ++i)
        m_index.emplace(std::string(column.values.at(i)), i);
}

uint32_t AttributeColumnBuilder::intern(std::string_view text)
{
    const auto it = m_index.find(std::string(text));
    if (it != m_index.end())
        return it->second;
    const uint32_t index = m_column.values.add(text);
    m_index.emplace(std::string(text), index);
    return index;
}

void AttributeColumn::set(uint32_t span, std::string_view text)
{
    if (value.size() <= span)
        value.resize(span + 1, kMissing);
    AttributeColumnBuilder(*this).set(span, text);
}

const std::vector<std::string>& peerServiceKeys()
{
    // peer.service is OpenTelemetry's (and OpenTracing's) name for the called service; Zipkin's
    // remote endpoint and the newer server.address name the peer otherwise.
    static const std::vector<std::string> keys = {"peer.service", "server.address", "net.peer.name"};
    return keys;
}

} // namespace spanscope
