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
    case TraceQuery::SortKey::File:
        return "src.path";
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
                              "LEFT JOIN strings rn ON rn.id = t.root_name "
                              "LEFT JOIN sources src ON src.id = t.source ";

// The one ORDER BY of every query, so list() and position() agree: the key, then the row id.
std::string orderBy(const TraceQuery& query)
{
    std::string order = orderColumn(query.sort);
    if (query.descending) {
        // Every column of a composite key descends, not only the last one.
        std::string descending;
        size_t from = 0;
        for (size_t comma = order.find(','); comma != std::string::npos; comma = order.find(',', from)) {
            descending += order.substr(from, comma - from) + " DESC,";
            from = comma + 1;
        }
        order = descending + order.substr(from) + " DESC";
    }
    return " ORDER BY " + order + ", t.id";
}

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

int TraceListReader::bindWhere(sql::Statement& statement, const TraceQuery& query) const
{
    int index = 1;
    for (int64_t source : query.sources)
        statement.bind(index++, source);
    if (!query.filter.empty()) {
        const std::string escaped = escapeLike(query.filter);
        statement.bindText(index++, "%" + escaped + "%");
        statement.bindText(index++, escaped + "%");
    }
    return index;
}

std::vector<TraceSummary> TraceListReader::list(const TraceQuery& query)
{
    std::string sql = "SELECT t.id, t.source, t.trace_hi, t.trace_lo, t.start_ns, t.end_ns, t.span_count, "
                      "t.service_count, t.error_count, t.orphan_count, rs.text, rn.text, src.path";
    sql += kFrom;
    sql += whereClause(query);
    sql += orderBy(query);
    sql += " LIMIT ? OFFSET ?";
    auto statement = m_db.prepare(sql);
    const int next = bindWhere(statement, query);
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
        summary.sourcePath = std::string(statement.columnText(12));
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

int64_t TraceListReader::position(const TraceQuery& query, int64_t traceRow)
{
    // One sort in SQL (a window function over the same ORDER BY as list()), not a page at a time.
    std::string sql = "SELECT position FROM (SELECT t.id AS id, row_number() OVER (";
    sql += orderBy(query);
    sql += ") - 1 AS position";
    sql += kFrom;
    sql += whereClause(query);
    sql += ") WHERE id = ?";
    auto statement = m_db.prepare(sql);
    const int next = bindWhere(statement, query);
    statement.bind(next, traceRow);
    return statement.step() ? statement.columnInt(0) : -1;
}

int64_t TraceListReader::firstTraceOf(const TraceQuery& query, int64_t sourceId)
{
    TraceQuery ofSource = query;
    ofSource.sources = {sourceId};
    ofSource.limit = 1;
    ofSource.offset = 0;
    const auto first = list(ofSource);
    return first.empty() ? 0 : first.front().traceRow;
}

} // namespace spanscope
