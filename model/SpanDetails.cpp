// SPDX-License-Identifier: MIT
#include "SpanDetails.h"

namespace spanscope {

namespace {

constexpr const char* kSelect =
    "SELECT s.id, t.trace_hi, t.trace_lo, s.span_id, s.parent_id, sv.text, nm.text, s.kind, s.start_ns, "
    "s.end_ns, s.status, s.status_message, s.flags, s.w3c_flags, s.trace_state, s.attrs, "
    "s.dropped_attributes, "
    "s.dropped_events, s.dropped_links, s.resource, r.attrs, sc.name, sc.version, sc.attrs "
    "FROM spans s JOIN traces t ON t.id = s.trace LEFT JOIN strings sv ON sv.id = s.service "
    "LEFT JOIN strings nm ON nm.id = s.name LEFT JOIN resources r ON r.id = s.resource "
    "LEFT JOIN scopes sc ON sc.id = s.scope ";

} // namespace

SpanDetailsReader::SpanDetailsReader(sql::Database& db)
    : m_db(db),
      m_events(db.prepare("SELECT time_ns, name, attrs, dropped_attributes FROM events WHERE span = ?1 "
                          "ORDER BY seq")),
      m_links(db.prepare(
          "SELECT trace_hi, trace_lo, span_id, trace_state, type, flags, attrs, dropped_attributes "
          "FROM links WHERE span = ?1 ORDER BY seq"))
{}

void SpanDetailsReader::fill(sql::Statement& row, SpanDetails& d)
{
    d.rowId = row.columnInt(0);
    d.traceId = TraceId{uint64_t(row.columnInt(1)), uint64_t(row.columnInt(2))};
    d.spanId = uint64_t(row.columnInt(3));
    d.parentSpanId = uint64_t(row.columnInt(4));
    d.service = std::string(row.columnText(5));
    d.name = std::string(row.columnText(6));
    d.kind = SpanKind(row.columnInt(7));
    d.startNs = row.columnInt(8);
    d.endNs = row.columnInt(9);
    d.status = StatusCode(row.columnInt(10));
    d.statusMessage = std::string(row.columnText(11));
    d.flags = uint32_t(row.columnInt(12));
    d.w3cFlags = uint32_t(row.columnInt(13));
    d.traceState = std::string(row.columnText(14));
    d.attributes = std::string(row.columnBlob(15));
    d.droppedAttributes = uint32_t(row.columnInt(16));
    d.droppedEvents = uint32_t(row.columnInt(17));
    d.droppedLinks = uint32_t(row.columnInt(18));
    d.resourceRow = row.columnInt(19);
    d.resourceAttributes = std::string(row.columnBlob(20));
    d.scopeName = std::string(row.columnText(21));
    d.scopeVersion = std::string(row.columnText(22));
    d.scopeAttributes = std::string(row.columnBlob(23));

    d.events.clear();
    m_events.bind(1, d.rowId);
    while (m_events.step()) {
        d.events.push_back(SpanEvent{m_events.columnInt(0), std::string(m_events.columnText(1)),
                                     std::string(m_events.columnBlob(2)), uint32_t(m_events.columnInt(3))});
    }
    m_events.reset();

    d.links.clear();
    m_links.bind(1, d.rowId);
    while (m_links.step()) {
        SpanLink link;
        link.traceId = TraceId{uint64_t(m_links.columnInt(0)), uint64_t(m_links.columnInt(1))};
        link.spanId = uint64_t(m_links.columnInt(2));
        link.traceState = std::string(m_links.columnText(3));
        link.type = LinkType(m_links.columnInt(4));
        link.flags = uint32_t(m_links.columnInt(5));
        link.attributes = std::string(m_links.columnBlob(6));
        link.droppedAttributes = uint32_t(m_links.columnInt(7));
        d.links.push_back(std::move(link));
    }
    m_links.reset();
}

Result<SpanDetails> SpanDetailsReader::read(int64_t spanRow)
{
    try {
        auto row = m_db.prepare(std::string(kSelect) + "WHERE s.id = ?1");
        row.bind(1, spanRow);
        if (!row.step())
            return Result<SpanDetails>::failure("span " + std::to_string(spanRow) +
                                                " is not in the workspace");
        SpanDetails details;
        fill(row, details);
        return details;
    } catch (const sql::Error& e) {
        return Result<SpanDetails>::failure(std::string("cannot read span: ") + e.what());
    }
}

void SpanDetailsReader::forEachSpanOfSource(int64_t sourceId,
                                            const std::function<bool(const SpanDetails&)>& callback)
{
    auto rows = m_db.prepare(std::string(kSelect) +
                             "WHERE s.id BETWEEN (SELECT first_span FROM sources WHERE id = ?1) AND (SELECT "
                             "last_span FROM sources WHERE id = ?1) "
                             // Ids are stored as signed 64-bit halves; "< 0" first gives unsigned order.
                             "ORDER BY t.trace_hi < 0, t.trace_hi, t.trace_lo < 0, t.trace_lo, s.trace, "
                             "s.start_ns, s.id");
    rows.bind(1, sourceId);
    SpanDetails details;
    while (rows.step()) {
        fill(rows, details);
        if (!callback(details))
            break;
    }
}

void SpanDetailsReader::forEachSpan(int64_t traceRow, const std::function<bool(const SpanDetails&)>& callback)
{
    // Spans have no index by trace: scan the source's row range, which holds all of them.
    auto rows =
        m_db.prepare(std::string(kSelect) +
                     "WHERE s.id BETWEEN (SELECT so.first_span FROM sources so JOIN traces tr ON "
                     "tr.source = so.id WHERE tr.id = ?1) AND (SELECT so.last_span FROM sources so JOIN "
                     "traces tr ON tr.source = so.id WHERE tr.id = ?1) AND s.trace = ?1 "
                     "ORDER BY s.start_ns, s.id");
    rows.bind(1, traceRow);
    SpanDetails details;
    while (rows.step()) {
        fill(rows, details);
        if (!callback(details))
            break;
    }
}

} // namespace spanscope
