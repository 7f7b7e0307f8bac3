// SPDX-License-Identifier: MIT
#include "SourceListReader.h"

#include <algorithm>

namespace spanscope {

namespace {

constexpr const char* kColumns = "SELECT id, path, format, size, mtime_ns, trace_count, span_count, "
                                 "imported_at_ms, last_opened_ms FROM sources ";

SourceInfo readRow(sql::Statement& row)
{
    SourceInfo info;
    info.id = row.columnInt(0);
    info.path = std::string(row.columnText(1));
    info.format = std::string(row.columnText(2));
    info.size = row.columnInt(3);
    info.mtimeNs = row.columnInt(4);
    info.traceCount = row.columnInt(5);
    info.spanCount = row.columnInt(6);
    info.importedAtMs = row.columnInt(7);
    info.lastOpenedMs = row.columnInt(8);
    return info;
}

} // namespace

std::vector<SourceInfo> SourceListReader::recent(size_t limit, const std::vector<int64_t>& excluded)
{
    auto query = m_db.prepare(std::string(kColumns) + "ORDER BY last_opened_ms DESC, id DESC");
    std::vector<SourceInfo> sources;
    while (sources.size() < limit && query.step()) {
        const int64_t id = query.columnInt(0);
        if (std::find(excluded.begin(), excluded.end(), id) == excluded.end())
            sources.push_back(readRow(query));
    }
    return sources;
}

std::optional<SourceInfo> SourceListReader::find(int64_t sourceId)
{
    auto query = m_db.prepare(std::string(kColumns) + "WHERE id = ?1");
    query.bind(1, sourceId);
    if (!query.step())
        return std::nullopt;
    return readRow(query);
}

} // namespace spanscope
