// SPDX-License-Identifier: MIT
#include "TraceLoader.h"

#include "AttributeCodec.h"
#include "TraceBuilder.h"
#include "TracePack.h"

#include <sqlite3.h>
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

bool TraceLoader::loadPack(TraceData& trace)
{
    auto format = m_db.prepare("SELECT format FROM trace_packs WHERE trace = ?1");
    format.bind(1, trace.traceRow);
    if (!format.step() || format.columnInt(0) != TracePack::kFormat)
        return false;
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(m_db.handle(), "main", "trace_packs", "data", trace.traceRow, 0, &blob) !=
        SQLITE_OK) {
        sqlite3_blob_close(blob);
        return false;
    }
    const auto size = size_t(sqlite3_blob_bytes(blob));
    const bool ok = TracePack::decode(
        [blob](void* out, size_t bytes, size_t offset) {
            return sqlite3_blob_read(blob, out, int(bytes), int(offset)) == SQLITE_OK;
        },
        size, trace);
    sqlite3_blob_close(blob);
    return ok;
}

Result<TraceData> TraceLoader::rebuild(int64_t traceRow, const TraceId& traceId,
                                       const std::atomic<bool>* cancel)
{
    using R = Result<TraceData>;
    auto range =
        m_db.prepare("SELECT s.first_span, s.last_span FROM traces t JOIN sources s ON s.id = t.source "
                     "WHERE t.id = ?1");
    range.bind(1, traceRow);
    if (!range.step())
        return R::failure("trace " + std::to_string(traceRow) + " has no source");
    auto rows =
        m_db.prepare("SELECT id, start_ns, end_ns, span_id, parent_id, service, name, resource, flags, kind, "
                     "status FROM spans WHERE id BETWEEN ?1 AND ?2 AND trace = ?3 ORDER BY start_ns, id");
    rows.bind(1, range.columnInt(0)).bind(2, range.columnInt(1)).bind(3, traceRow);
    std::vector<SpanEntry> entries;
    while (rows.step()) {
        if (cancel && (entries.size() & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed))
            return R::failure("cancelled");
        entries.push_back(
            SpanEntry{rows.columnInt(0), rows.columnInt(1), rows.columnInt(2), uint64_t(rows.columnInt(3)),
                      uint64_t(rows.columnInt(4)), rows.columnInt(5), rows.columnInt(6), rows.columnInt(7),
                      uint32_t(rows.columnInt(8)), uint8_t(rows.columnInt(9)), uint8_t(rows.columnInt(10))});
    }
    auto stringText = m_db.prepare("SELECT text FROM strings WHERE id = ?1");
    auto resource = m_db.prepare("SELECT service, attrs FROM resources WHERE id = ?1");
    TraceBuilder builder(
        [&](int64_t id) {
            stringText.bind(1, id);
            std::string text(stringText.step() ? stringText.columnText(0) : std::string_view());
            stringText.reset();
            return text;
        },
        [&](int64_t row) {
            TraceBuilder::ResourceInfo info;
            resource.bind(1, row);
            if (resource.step()) {
                info.serviceId = resource.columnInt(0);
                info.host = hostKeyOf(resource.columnBlob(1));
            }
            resource.reset();
            return info;
        });
    TraceData trace = builder.build(traceRow, traceId, entries);
    try {
        // Store the pack for next time; a read-only workspace simply rebuilds again.
        auto store =
            m_db.prepare("INSERT OR REPLACE INTO trace_packs(trace, format, data) VALUES(?1, ?2, ?3)");
        const std::string blob = TracePack::encode(trace);
        store.bind(1, traceRow).bind(2, int64_t(TracePack::kFormat)).bindBlob(3, blob, false);
        store.run();
    } catch (const sql::Error&) {
    }
    return trace;
}

Result<TraceData> TraceLoader::load(int64_t traceRow, const std::atomic<bool>* cancel)
{
    using R = Result<TraceData>;
    m_usedPack = false;
    try {
        auto header = m_db.prepare("SELECT trace_hi, trace_lo FROM traces WHERE id = ?1");
        header.bind(1, traceRow);
        if (!header.step())
            return R::failure("trace " + std::to_string(traceRow) + " is not in the workspace");
        TraceData trace;
        trace.traceRow = traceRow;
        trace.traceId = TraceId{uint64_t(header.columnInt(0)), uint64_t(header.columnInt(1))};
        if (loadPack(trace)) {
            m_usedPack = true;
            return trace;
        }
        return rebuild(traceRow, trace.traceId, cancel);
    } catch (const sql::Error& e) {
        return R::failure(std::string("cannot read trace: ") + e.what());
    }
}

} // namespace spanscope
