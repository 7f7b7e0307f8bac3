// SPDX-License-Identifier: MIT
#include "WorkspaceWriter.h"

#include "TraceLoader.h"
#include "TracePack.h"

#include <algorithm>
#include <chrono>

namespace spanscope {

namespace {

int64_t asSigned(uint64_t value)
{
    return int64_t(value);
}

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

WorkspaceWriter::WorkspaceWriter(Workspace& workspace, const FileIdentity& file, const WriterOptions& options)
    : m_db(workspace.db()), m_transaction(std::make_unique<sql::Transaction>(workspace.db())),
      m_strings(workspace.db()), m_file(file), m_options(options)
{
    auto insertSource = m_db.prepare("INSERT INTO sources(path, size, mtime_ns, format, imported_at_ms, "
                                     "last_opened_ms, importer_version) VALUES(?1, ?2, ?3, '', ?4, ?4, ?5)");
    insertSource.bindText(1, file.path)
        .bind(2, file.size)
        .bind(3, file.mtimeNs)
        .bind(4, nowMs())
        .bind(5, int64_t(options.importerVersion));
    insertSource.run();
    m_sourceId = m_db.lastInsertRowId();
    // Span rows are numbered here, not by SQLite: one import's spans are one contiguous range,
    // which is how a source finds (and deletes) its spans without an index.
    m_firstSpanRow = m_nextSpanRow = m_db.queryInt("SELECT coalesce(max(id), 0) + 1 FROM spans");

    m_insertSpan = m_db.prepare(
        "INSERT INTO spans(id, trace, span_id, parent_id, service, name, kind, start_ns, end_ns, status, "
        "status_message, flags, w3c_flags, trace_state, resource, scope, dropped_attributes, dropped_events, "
        "dropped_links, attrs) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
        "?17, "
        "?18, ?19, ?20)");
    m_insertEvent = m_db.prepare("INSERT INTO events(span, seq, time_ns, name, attrs, dropped_attributes) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    m_insertLink =
        m_db.prepare("INSERT INTO links(span, seq, trace_hi, trace_lo, span_id, trace_state, type, "
                     "flags, attrs, dropped_attributes) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    m_insertTrace = m_db.prepare("INSERT INTO traces(source, trace_hi, trace_lo) VALUES(?1, ?2, ?3)");
    m_insertResource = m_db.prepare("INSERT INTO resources(source, service, attrs, dropped_attributes) "
                                    "VALUES(?1, ?2, ?3, ?4)");
    m_insertScope = m_db.prepare("INSERT INTO scopes(source, name, version, attrs) VALUES(?1, ?2, ?3, ?4)");
    m_insertWarning = m_db.prepare("INSERT INTO source_warnings(source, seq, location, message) "
                                   "VALUES(?1, ?2, ?3, ?4)");
}

WorkspaceWriter::~WorkspaceWriter() = default;

void WorkspaceWriter::stage(const char* what)
{
    if (m_stageCallback)
        m_stageCallback(what);
}

ResourceRef WorkspaceWriter::addResource(const ResourceRecord& resource)
{
    const ResourceRef ref = declareResource();
    defineResource(ref, resource);
    return ref;
}

ResourceRef WorkspaceWriter::declareResource()
{
    m_insertResource.bind(1, m_sourceId).bind(2, int64_t(0)).bindNull(3).bind(4, int64_t(0));
    m_insertResource.run();
    m_resources.push_back(ResourceSlot{m_db.lastInsertRowId(), 0, {}, false});
    return ResourceRef(m_resources.size() - 1);
}

void WorkspaceWriter::defineResource(ResourceRef ref, const ResourceRecord& resource)
{
    if (ref == 0 || ref >= m_resources.size())
        return;
    ResourceSlot& slot = m_resources[ref];
    slot.serviceId = m_strings.intern(resource.serviceName);
    slot.host = hostKeyOf(resource.attributes);
    slot.defined = true;
    auto update = m_db.prepare("UPDATE resources SET service = ?1, attrs = ?2, dropped_attributes = ?3 "
                               "WHERE id = ?4");
    update.bind(1, slot.serviceId)
        .bindBlob(2, resource.attributes)
        .bind(3, int64_t(resource.droppedAttributes));
    update.bind(4, slot.rowId);
    update.run();
}

ScopeRef WorkspaceWriter::addScope(const ScopeRecord& scope)
{
    m_insertScope.bind(1, m_sourceId).bindText(2, scope.name, false).bindText(3, scope.version, false);
    m_insertScope.bindBlob(4, scope.attributes, false);
    m_insertScope.run();
    m_scopes.push_back(m_db.lastInsertRowId());
    return ScopeRef(m_scopes.size() - 1);
}

ScopeRef WorkspaceWriter::declareScope()
{
    return addScope(ScopeRecord{});
}

void WorkspaceWriter::defineScope(ScopeRef ref, const ScopeRecord& scope)
{
    if (ref == 0 || ref >= m_scopes.size())
        return;
    auto update = m_db.prepare("UPDATE scopes SET name = ?1, version = ?2, attrs = ?3 WHERE id = ?4");
    update.bindText(1, scope.name).bindText(2, scope.version).bindBlob(3, scope.attributes);
    update.bind(4, m_scopes[ref]);
    update.run();
}

uint32_t WorkspaceWriter::traceIndex(const TraceId& traceId)
{
    if (const auto it = m_traceIndex.find(traceId); it != m_traceIndex.end())
        return it->second;
    m_insertTrace.bind(1, m_sourceId).bind(2, asSigned(traceId.high)).bind(3, asSigned(traceId.low));
    m_insertTrace.run();
    const auto index = uint32_t(m_traceRows.size());
    m_traceRows.emplace_back(m_db.lastInsertRowId(), traceId);
    m_traceIndex.emplace(traceId, index);
    return index;
}

void WorkspaceWriter::addSpan(const SpanRecord& span)
{
    const ResourceRef resourceRef = span.resource < m_resources.size() ? span.resource : 0;
    const ResourceSlot& resource = m_resources[resourceRef];
    if (resourceRef != 0 && !resource.defined)
        m_needsServiceFixup = true;
    const int64_t scopeRow = span.scope < m_scopes.size() ? m_scopes[span.scope] : 0;
    const uint32_t trace = traceIndex(span.traceId);
    const int64_t nameId = m_strings.intern(span.name);
    const int64_t spanRow = m_nextSpanRow++;

    auto& s = m_insertSpan;
    s.bind(1, spanRow).bind(2, m_traceRows[trace].first);
    s.bind(3, asSigned(span.spanId)).bind(4, asSigned(span.parentSpanId));
    s.bind(5, resource.serviceId).bind(6, nameId);
    s.bind(7, int64_t(span.kind)).bind(8, span.startNs).bind(9, span.endNs).bind(10, int64_t(span.status));
    if (span.statusMessage.empty())
        s.bindNull(11);
    else
        s.bindText(11, span.statusMessage, false);
    s.bind(12, int64_t(span.flags)).bind(13, int64_t(span.w3cFlags));
    if (span.traceState.empty())
        s.bindNull(14);
    else
        s.bindText(14, span.traceState, false);
    s.bind(15, resource.rowId).bind(16, scopeRow);
    s.bind(17, int64_t(span.droppedAttributes)).bind(18, int64_t(span.droppedEvents));
    s.bind(19, int64_t(span.droppedLinks));
    if (span.attributes.empty())
        s.bindNull(20);
    else
        s.bindBlob(20, span.attributes, false);
    s.run();
    ++m_spanCount;

    int64_t seq = 0;
    for (const EventRecord& event : span.events) {
        m_insertEvent.bind(1, spanRow).bind(2, seq++).bind(3, event.timeNs).bindText(4, event.name, false);
        m_insertEvent.bindBlob(5, event.attributes, false).bind(6, int64_t(event.droppedAttributes));
        m_insertEvent.run();
    }
    seq = 0;
    for (const LinkRecord& link : span.links) {
        m_insertLink.bind(1, spanRow).bind(2, seq++).bind(3, asSigned(link.traceId.high));
        m_insertLink.bind(4, asSigned(link.traceId.low)).bind(5, asSigned(link.spanId));
        m_insertLink.bindText(6, link.traceState, false)
            .bind(7, int64_t(link.type))
            .bind(8, int64_t(link.flags));
        m_insertLink.bindBlob(9, link.attributes, false).bind(10, int64_t(link.droppedAttributes));
        m_insertLink.run();
    }

    if (!m_overBudget) {
        if ((m_pending.size() + 1) * sizeof(PendingSpan) > m_options.packMemoryBudget) {
            m_overBudget = true;
            m_pending.clear();
            m_pending.shrink_to_fit();
            return;
        }
        m_pending.push_back(PendingSpan{spanRow, span.startNs, span.endNs, span.spanId, span.parentSpanId,
                                        nameId, trace, resourceRef, span.flags, uint8_t(span.kind),
                                        uint8_t(span.status)});
    }
}

void WorkspaceWriter::addWarning(const ImportMessage& warning)
{
    if (m_warningCount < kStoredWarnings) {
        m_insertWarning.bind(1, m_sourceId).bind(2, int64_t(m_warningCount));
        m_insertWarning.bindText(3, warning.location.toString()).bindText(4, warning.text.substr(0, 2000));
        m_insertWarning.run();
    }
    ++m_warningCount;
}

TraceBuilder WorkspaceWriter::makeBuilder()
{
    auto slotOfRow = std::make_shared<std::unordered_map<int64_t, size_t>>();
    for (size_t i = 1; i < m_resources.size(); ++i)
        slotOfRow->emplace(m_resources[i].rowId, i);
    return TraceBuilder([this](int64_t id) { return m_strings.text(id); },
                        [this, slotOfRow](int64_t row) {
                            const auto it = slotOfRow->find(row);
                            if (it == slotOfRow->end())
                                return TraceBuilder::ResourceInfo{};
                            const ResourceSlot& slot = m_resources[it->second];
                            return TraceBuilder::ResourceInfo{slot.serviceId, slot.host};
                        });
}

void WorkspaceWriter::storeTrace(TraceBuilder& builder, size_t traceIndex,
                                 const std::vector<SpanEntry>& entries)
{
    const auto& [traceRow, traceId] = m_traceRows[traceIndex];
    const TraceData trace = builder.build(traceRow, traceId, entries);
    const TraceSummaryValues& summary = builder.summary();
    auto update =
        m_db.prepare("UPDATE traces SET start_ns = ?1, end_ns = ?2, span_count = ?3, service_count = ?4, "
                     "error_count = ?5, root_service = ?6, root_name = ?7, orphan_count = ?8 WHERE id = ?9");
    update.bind(1, summary.startNs)
        .bind(2, summary.endNs)
        .bind(3, summary.spanCount)
        .bind(4, summary.serviceCount);
    update.bind(5, summary.errorCount).bind(6, summary.rootServiceId).bind(7, summary.rootNameId);
    update.bind(8, summary.orphanCount).bind(9, traceRow);
    update.run();
    auto pack = m_db.prepare("INSERT OR REPLACE INTO trace_packs(trace, format, data) VALUES(?1, ?2, ?3)");
    const std::string blob = TracePack::encode(trace);
    pack.bind(1, traceRow).bind(2, int64_t(TracePack::kFormat)).bindBlob(3, blob, false);
    pack.run();
}

void WorkspaceWriter::buildPacksFromMemory()
{
    // Group by trace, then start order within each trace (ties: file order, i.e. row order, which is
    // the order of m_pending). Sorting 16-byte keys instead of the 72-byte PendingSpans moves less
    // than a quarter of the bytes.
    struct PackKey
    {
        int64_t startNs;
        uint32_t trace;
        uint32_t index; // into m_pending; fewer than 2^32 fit in the pack memory budget
    };
    std::vector<PackKey> keys;
    keys.reserve(m_pending.size());
    for (size_t i = 0; i < m_pending.size(); ++i)
        keys.push_back(PackKey{m_pending[i].startNs, m_pending[i].trace, uint32_t(i)});
    std::sort(keys.begin(), keys.end(), [](const PackKey& a, const PackKey& b) {
        if (a.trace != b.trace)
            return a.trace < b.trace;
        if (a.startNs != b.startNs)
            return a.startNs < b.startNs;
        return a.index < b.index;
    });
    // Resource rows and services resolved now: a resource may have been described after its spans.
    TraceBuilder builder = makeBuilder();
    std::vector<SpanEntry> entries;
    for (size_t begin = 0; begin < keys.size();) {
        const uint32_t trace = keys[begin].trace;
        size_t end = begin;
        entries.clear();
        for (; end < keys.size() && keys[end].trace == trace; ++end) {
            const PendingSpan& p = m_pending[keys[end].index];
            const ResourceSlot& resource = m_resources[p.resource];
            entries.push_back(SpanEntry{p.rowId, p.startNs, p.endNs, p.spanId, p.parentSpanId,
                                        resource.serviceId, p.nameId, resource.rowId, p.flags, p.kind,
                                        p.status});
        }
        storeTrace(builder, trace, entries);
        begin = end;
    }
    m_pending.clear();
    m_pending.shrink_to_fit();
}

void WorkspaceWriter::buildPacksFromTable()
{
    // Over the memory budget: read this import's rows back in (trace, start) order. SQLite's sorter
    // spills to temporary files beyond its cache, so memory stays bounded by one trace.
    std::unordered_map<int64_t, size_t> indexOfRow;
    for (size_t i = 0; i < m_traceRows.size(); ++i)
        indexOfRow.emplace(m_traceRows[i].first, i);
    auto rows = m_db.prepare(
        "SELECT trace, id, start_ns, end_ns, span_id, parent_id, service, name, resource, "
        "flags, kind, status FROM spans WHERE id BETWEEN ?1 AND ?2 ORDER BY trace, start_ns, id");
    rows.bind(1, m_firstSpanRow).bind(2, m_nextSpanRow - 1);
    TraceBuilder builder = makeBuilder();
    std::vector<SpanEntry> entries;
    int64_t current = 0;
    const auto flush = [&]() {
        if (!entries.empty())
            storeTrace(builder, indexOfRow[current], entries);
        entries.clear();
    };
    while (rows.step()) {
        const int64_t trace = rows.columnInt(0);
        if (trace != current) {
            flush();
            current = trace;
        }
        entries.push_back(
            SpanEntry{rows.columnInt(1), rows.columnInt(2), rows.columnInt(3), uint64_t(rows.columnInt(4)),
                      uint64_t(rows.columnInt(5)), rows.columnInt(6), rows.columnInt(7), rows.columnInt(8),
                      uint32_t(rows.columnInt(9)), uint8_t(rows.columnInt(10)), uint8_t(rows.columnInt(11))});
    }
    flush();
}

int64_t WorkspaceWriter::commit(int64_t importMs, const std::string& format, const std::string& variant)
{
    if (m_needsServiceFixup) {
        // Spans written before their resource was described (Jaeger's processes follow its spans).
        auto fixup = m_db.prepare("UPDATE spans SET service = (SELECT service FROM resources r WHERE r.id = "
                                  "spans.resource) WHERE id BETWEEN ?1 AND ?2 AND resource != 0");
        fixup.bind(1, m_firstSpanRow).bind(2, m_nextSpanRow - 1);
        fixup.run();
    }
    stage("packing");
    if (m_overBudget)
        buildPacksFromTable();
    else
        buildPacksFromMemory();

    auto finish =
        m_db.prepare("UPDATE sources SET import_ms = ?1, trace_count = ?2, span_count = ?3, "
                     "warning_count = ?4, variant = ?5, format = ?6, first_span = ?7, last_span = ?8 "
                     "WHERE id = ?9");
    finish.bind(1, importMs).bind(2, int64_t(m_traceRows.size())).bind(3, int64_t(m_spanCount));
    finish.bind(4, int64_t(m_warningCount)).bindText(5, variant).bindText(6, format);
    finish.bind(7, m_firstSpanRow).bind(8, m_nextSpanRow - 1).bind(9, m_sourceId);
    finish.run();

    // An older import of the same path (the file changed since) is replaced, atomically.
    std::vector<int64_t> replaced;
    auto older = m_db.prepare("SELECT id FROM sources WHERE path = ?1 AND id != ?2");
    older.bindText(1, m_file.path).bind(2, m_sourceId);
    while (older.step())
        replaced.push_back(older.columnInt(0));
    for (int64_t id : replaced)
        Workspace::deleteSourceRows(m_db, id);
    stage("committing");
    m_transaction->commit();
    m_transaction.reset();
    return m_sourceId;
}

} // namespace spanscope
