// SPDX-License-Identifier: MIT
#include "TraceCatalog.h"

namespace spanscope {

std::vector<int64_t> TraceCatalog::sourceIds()
{
    std::vector<int64_t> ids;
    auto query = m_db.prepare("SELECT id FROM sources ORDER BY id");
    while (query.step())
        ids.push_back(query.columnInt(0));
    return ids;
}

std::vector<int64_t> TraceCatalog::existingSources(const std::vector<int64_t>& sources)
{
    std::vector<int64_t> alive;
    auto exists = m_db.prepare("SELECT 1 FROM sources WHERE id = ?1");
    for (int64_t id : sources) {
        exists.bind(1, id);
        if (exists.step())
            alive.push_back(id);
        exists.reset();
    }
    return alive;
}

int64_t TraceCatalog::sourceOfTrace(int64_t traceRow)
{
    auto query = m_db.prepare("SELECT source FROM traces WHERE id = ?1");
    query.bind(1, traceRow);
    return query.step() ? query.columnInt(0) : 0;
}

std::vector<TraceRef> TraceCatalog::tracesWithId(const TraceId& traceId)
{
    std::vector<TraceRef> traces;
    auto query =
        m_db.prepare("SELECT id, source FROM traces WHERE trace_lo = ?1 AND trace_hi = ?2 ORDER BY id");
    query.bind(1, int64_t(traceId.low)).bind(2, int64_t(traceId.high));
    while (query.step())
        traces.push_back({query.columnInt(0), query.columnInt(1), traceId});
    return traces;
}

std::vector<TraceRef> TraceCatalog::tracesOfSource(int64_t source)
{
    std::vector<TraceRef> traces;
    auto query =
        m_db.prepare("SELECT id, trace_hi, trace_lo FROM traces WHERE source = ?1 AND span_count > 0 "
                     "ORDER BY start_ns, id");
    query.bind(1, source);
    while (query.step()) {
        traces.push_back({query.columnInt(0), source,
                          TraceId{uint64_t(query.columnInt(1)), uint64_t(query.columnInt(2))}});
    }
    return traces;
}

std::optional<StoredImport> TraceCatalog::storedImport(int64_t source)
{
    auto summary = m_db.prepare("SELECT format, variant, span_count, trace_count, warning_count "
                                "FROM sources WHERE id = ?1");
    summary.bind(1, source);
    if (!summary.step())
        return std::nullopt;
    StoredImport stored;
    stored.format = std::string(summary.columnText(0));
    stored.variant = std::string(summary.columnText(1));
    stored.spans = uint64_t(summary.columnInt(2));
    stored.traces = uint64_t(summary.columnInt(3));
    stored.warningCount = uint64_t(summary.columnInt(4));
    auto warnings =
        m_db.prepare("SELECT location, message FROM source_warnings WHERE source = ?1 ORDER BY seq");
    warnings.bind(1, source);
    while (warnings.step())
        stored.warnings.push_back({std::string(warnings.columnText(0)), std::string(warnings.columnText(1))});
    return stored;
}

} // namespace spanscope
