// SPDX-License-Identifier: MIT
#include "TraceListReader.h"

namespace spanscope {

namespace {

const char* orderColumn(TraceQuery::SortKey key)
{
    switch (key) {
    case TraceQuery::SortKey::Start:
        return "t.start_ns";
    case TraceQuery::SortKey::Duration:
        return "t.end_ns - t.start_ns";
    case TraceQuery::SortKey::Spans:
        return "t.span_count";
    case TraceQuery::SortKey::Errors:
        return "t.error_count";
    case TraceQuery::SortKey::Services:
        return "t.service_count";
    case TraceQuery::SortKey::RootService:
        return "rs.text COLLATE NOCASE";
    case TraceQuery::SortKey::RootName:
        return "rn.text COLLATE NOCASE";
    case TraceQuery::SortKey::TraceId:
        return "t.trace_hi, t.trace_lo";
    }
    return "t.start_ns";
}

std::string escapeLike(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

constexpr const char* kFrom = " FROM traces t LEFT JOIN strings rs ON rs.id = t.root_service "
                              "LEFT JOIN strings rn ON rn.id = t.root_name ";

} // namespace

std::string TraceListReader::whereClause(const TraceQuery& query) const
{
    std::string where = " WHERE t.span_count > 0";
    if (!query.sources.empty()) {
        // Placeholders only: the ids themselves are bound.
        where += " AND t.source IN (";
        for (size_t i = 0; i < query.sources.size(); ++i)
            where += i ? ",?" : "?";
        where += ")";
    }
    if (!query.filter.empty()) {
        where += " AND (rs.text LIKE :like ESCAPE '\\' OR rn.text LIKE :like ESCAPE '\\' "
                 "OR printf('%016x%016x', t.trace_hi, t.trace_lo) LIKE :prefix ESCAPE '\\' "
                 "OR printf('%016x', t.trace_lo) LIKE :prefix ESCAPE '\\')";
    }
    if (query.errorsOnly)
        where += " AND t.error_count > 0";
    return where;
}

void TraceListReader::bindWhere(sql::Statement& statement, const TraceQuery& query) const
{
    int index = 1;
    for (int64_t source : query.sources)
        statement.bind(index++, source);
    if (!query.filter.empty()) {
        const std::string escaped = escapeLike(query.filter);
        statement.bindText(index++, "%" + escaped + "%");
        statement.bindText(index++, escaped + "%");
    }
}

std::vector<TraceSummary> TraceListReader::list(const TraceQuery& query)
{
    std::string sql = "SELECT t.id, t.source, t.trace_hi, t.trace_lo, t.start_ns, t.end_ns, t.span_count, "
                      "t.service_count, t.error_count, t.orphan_count, rs.text, rn.text";
    sql += kFrom;
    sql += whereClause(query);
    sql += " ORDER BY ";
    sql += orderColumn(query.sort);
    sql += query.descending ? " DESC" : " ASC";
    sql += ", t.id LIMIT ? OFFSET ?";
    auto statement = m_db.prepare(sql);
    bindWhere(statement, query);
    const int next = int(query.sources.size()) + (query.filter.empty() ? 0 : 2) + 1;
    statement.bind(next, query.limit).bind(next + 1, query.offset);

    std::vector<TraceSummary> traces;
    while (statement.step()) {
        TraceSummary summary;
        summary.traceRow = statement.columnInt(0);
        summary.sourceId = statement.columnInt(1);
        summary.traceId = TraceId{uint64_t(statement.columnInt(2)), uint64_t(statement.columnInt(3))};
        summary.startNs = statement.columnInt(4);
        summary.endNs = statement.columnInt(5);
        summary.spanCount = statement.columnInt(6);
        summary.serviceCount = statement.columnInt(7);
        summary.errorCount = statement.columnInt(8);
        summary.orphanCount = statement.columnInt(9);
        summary.rootService = std::string(statement.columnText(10));
        summary.rootName = std::string(statement.columnText(11));
        traces.push_back(std::move(summary));
    }
    return traces;
}

int64_t TraceListReader::count(const TraceQuery& query)
{
    std::string sql = "SELECT count(*)";
    sql += kFrom;
    sql += whereClause(query);
    auto statement = m_db.prepare(sql);
    bindWhere(statement, query);
    return statement.step() ? statement.columnInt(0) : 0;
}

} // namespace spanscope
