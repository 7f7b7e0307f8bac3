// SPDX-License-Identifier: MIT
#include "TraceLoader.h"

#include "AttributeCodec.h"

#include <unordered_map>

namespace spanscope {

std::string hostKeyOf(std::string_view resourceAttributes)
{
    static constexpr std::string_view keys[] = {"host.id",  "host.ip", "host.name",
                                                "hostname", "ip",      "net.host.ip"};
    for (std::string_view key : keys) {
        ValueView value;
        if (findAttribute(resourceAttributes, key, value)) {
            std::string text = valueToDisplayText(value);
            if (!text.empty())
                return text;
        }
    }
    return {};
}

Result<TraceData> TraceLoader::load(int64_t traceRow, const std::atomic<bool>* cancel)
{
    using R = Result<TraceData>;
    try {
        TraceData trace;
        trace.traceRow = traceRow;
        auto header = m_db.prepare("SELECT trace_hi, trace_lo, span_count FROM traces WHERE id = ?1");
        header.bind(1, traceRow);
        if (!header.step())
            return R::failure("trace " + std::to_string(traceRow) + " is not in the workspace");
        trace.traceId = TraceId{uint64_t(header.columnInt(0)), uint64_t(header.columnInt(1))};
        trace.reserve(size_t(header.columnInt(2)));

        // Global string id -> index in the trace's own string table.
        std::unordered_map<int64_t, uint32_t> localStrings{{0, 0}};
        std::unordered_map<int64_t, uint32_t> localResources{{0, 0}};
        trace.resources.push_back(TraceResource{});
        auto stringText = m_db.prepare("SELECT text FROM strings WHERE id = ?1");
        const auto local = [&](int64_t id) -> uint32_t {
            const auto it = localStrings.find(id);
            if (it != localStrings.end())
                return it->second;
            stringText.bind(1, id);
            const uint32_t index = trace.strings.add(stringText.step() ? stringText.columnText(0) : "");
            stringText.reset();
            localStrings.emplace(id, index);
            return index;
        };
        auto resourceRow = m_db.prepare("SELECT service, attrs FROM resources WHERE id = ?1");
        const auto localResource = [&](int64_t id) -> uint32_t {
            const auto it = localResources.find(id);
            if (it != localResources.end())
                return it->second;
            TraceResource resource;
            resource.rowId = id;
            resourceRow.bind(1, id);
            if (resourceRow.step()) {
                resource.service = local(resourceRow.columnInt(0));
                const std::string host = hostKeyOf(resourceRow.columnBlob(1));
                resource.host = host.empty() ? 0 : trace.strings.add(host);
            }
            resourceRow.reset();
            const auto index = uint32_t(trace.resources.size());
            trace.resources.push_back(resource);
            localResources.emplace(id, index);
            return index;
        };

        auto spans =
            m_db.prepare("SELECT id, span_id, parent_id, service, name, kind, start_ns, end_ns, status, "
                         "flags, resource FROM spans WHERE trace = ?1 ORDER BY start_ns, id");
        spans.bind(1, traceRow);
        size_t count = 0;
        while (spans.step()) {
            if (cancel && (++count & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed))
                return R::failure("cancelled");
            trace.rowId.push_back(spans.columnInt(0));
            trace.spanId.push_back(uint64_t(spans.columnInt(1)));
            trace.parentSpanId.push_back(uint64_t(spans.columnInt(2)));
            trace.service.push_back(local(spans.columnInt(3)));
            trace.name.push_back(local(spans.columnInt(4)));
            trace.kind.push_back(SpanKind(spans.columnInt(5)));
            trace.startNs.push_back(spans.columnInt(6));
            trace.endNs.push_back(spans.columnInt(7));
            trace.status.push_back(StatusCode(spans.columnInt(8)));
            trace.flags.push_back(uint32_t(spans.columnInt(9)));
            trace.resource.push_back(localResource(spans.columnInt(10)));
        }
        return trace;
    } catch (const sql::Error& e) {
        return R::failure(std::string("cannot read trace: ") + e.what());
    }
}

} // namespace spanscope
