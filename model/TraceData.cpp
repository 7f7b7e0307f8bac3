// SPDX-License-Identifier: MIT
#include "TraceData.h"

namespace spanscope {

void TraceData::reserve(size_t count)
{
    startNs.reserve(count);
    endNs.reserve(count);
    spanId.reserve(count);
    parentSpanId.reserve(count);
    rowId.reserve(count);
    service.reserve(count);
    name.reserve(count);
    resource.reserve(count);
    kind.reserve(count);
    status.reserve(count);
    flags.reserve(count);
}

void TraceData::resize(size_t count)
{
    startNs.resize(count);
    endNs.resize(count);
    spanId.resize(count);
    parentSpanId.resize(count);
    rowId.resize(count);
    service.resize(count);
    name.resize(count);
    resource.resize(count);
    kind.resize(count);
    status.resize(count);
    flags.resize(count);
}

size_t TraceData::byteSize() const
{
    const size_t perSpan = sizeof(int64_t) * 3 + sizeof(uint64_t) * 2 + sizeof(uint32_t) * 4 + 2;
    return size() * perSpan + strings.byteSize() + resources.size() * sizeof(TraceResource);
}

} // namespace spanscope
