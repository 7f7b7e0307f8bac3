// SPDX-License-Identifier: MIT
#include "TracePack.h"

#include <cstring>

namespace spanscope::TracePack {

namespace {

constexpr char kMagic[4] = {'S', 'P', 'K', '1'};

struct Header
{
    char magic[4];
    uint32_t spanCount;
    uint32_t stringCount;
    uint32_t stringBytes;
    uint32_t resourceCount;
};

struct PackedResource
{
    int64_t rowId;
    uint32_t service;
    uint32_t host;
};

template<class T>
void append(std::string& out, const std::vector<T>& values)
{
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

size_t perSpanBytes()
{
    return 3 * sizeof(int64_t) + 2 * sizeof(uint64_t) + 3 * sizeof(uint32_t) + 2 * sizeof(uint8_t) +
           sizeof(uint32_t);
}

} // namespace

std::string encode(const TraceData& trace)
{
    const size_t n = trace.size();
    Header header{};
    std::memcpy(header.magic, kMagic, 4);
    header.spanCount = uint32_t(n);
    header.stringCount = trace.strings.size();
    header.stringBytes = uint32_t(trace.strings.chars().size());
    header.resourceCount = uint32_t(trace.resources.size());

    std::string out;
    out.reserve(sizeof header + trace.strings.byteSize() + trace.resources.size() * sizeof(PackedResource) +
                n * perSpanBytes());
    out.append(reinterpret_cast<const char*>(&header), sizeof header);
    append(out, trace.strings.offsets());
    out.append(trace.strings.chars());
    for (const TraceResource& resource : trace.resources) {
        const PackedResource packed{resource.rowId, resource.service, resource.host};
        out.append(reinterpret_cast<const char*>(&packed), sizeof packed);
    }
    append(out, trace.startNs);
    append(out, trace.endNs);
    append(out, trace.spanId);
    append(out, trace.parentSpanId);
    append(out, trace.rowId);
    append(out, trace.service);
    append(out, trace.name);
    append(out, trace.resource);
    append(out, trace.kind);
    append(out, trace.status);
    append(out, trace.flags);
    return out;
}

bool decode(const BlobReader& read, size_t blobSize, TraceData& trace)
{
    Header header{};
    if (blobSize < sizeof header || !read(&header, sizeof header, 0) ||
        std::memcmp(header.magic, kMagic, 4) != 0)
        return false;
    const size_t n = header.spanCount;
    const size_t expected = sizeof header + (size_t(header.stringCount) + 1) * sizeof(uint32_t) +
                            header.stringBytes + size_t(header.resourceCount) * sizeof(PackedResource) +
                            n * perSpanBytes();
    if (expected != blobSize || header.stringCount == 0)
        return false;

    size_t offset = sizeof header;
    const auto readArray = [&](auto& vector, size_t count) {
        using T = typename std::decay_t<decltype(vector)>::value_type;
        vector.resize(count);
        const bool ok = count == 0 || read(vector.data(), count * sizeof(T), offset);
        offset += count * sizeof(T);
        return ok;
    };
    std::vector<uint32_t> offsets;
    std::string chars(header.stringBytes, '\0');
    if (!readArray(offsets, size_t(header.stringCount) + 1))
        return false;
    if (header.stringBytes && !read(chars.data(), header.stringBytes, offset))
        return false;
    offset += header.stringBytes;
    if (!trace.strings.assign(std::move(chars), std::move(offsets)))
        return false;

    std::vector<PackedResource> resources;
    if (!readArray(resources, header.resourceCount))
        return false;
    trace.resources.clear();
    for (const PackedResource& resource : resources) {
        if (resource.service >= header.stringCount || resource.host >= header.stringCount)
            return false;
        trace.resources.push_back(TraceResource{resource.rowId, resource.service, resource.host});
    }

    if (!readArray(trace.startNs, n) || !readArray(trace.endNs, n) || !readArray(trace.spanId, n) ||
        !readArray(trace.parentSpanId, n) || !readArray(trace.rowId, n) || !readArray(trace.service, n) ||
        !readArray(trace.name, n) || !readArray(trace.resource, n) || !readArray(trace.kind, n) ||
        !readArray(trace.status, n) || !readArray(trace.flags, n))
        return false;

    // Indexes must stay in range: the views index arrays with them.
    for (size_t i = 0; i < n; ++i) {
        if (trace.service[i] >= header.stringCount || trace.name[i] >= header.stringCount ||
            trace.resource[i] >= header.resourceCount || uint8_t(trace.kind[i]) > 5 ||
            uint8_t(trace.status[i]) > 2)
            return false;
    }
    return true;
}

bool decode(std::string_view blob, TraceData& trace)
{
    return decode(
        [blob](void* out, size_t size, size_t offset) {
            if (offset + size > blob.size())
                return false;
            std::memcpy(out, blob.data() + offset, size);
            return true;
        },
        blob.size(), trace);
}

} // namespace spanscope::TracePack
