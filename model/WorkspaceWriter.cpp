// SPDX-License-Identifier: MIT
#include "WorkspaceWriter.h"

#include "WorkspaceSchema.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

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

WorkspaceWriter::WorkspaceWriter(Workspace& workspace, const FileIdentity& file, uint64_t expectedSpans)
    : m_db(workspace.db()), m_transaction(std::make_unique<sql::Transaction>(workspace.db())),
      m_strings(workspace.db()), m_file(file)
{
    // Rebuilding indexes after the load costs O(all spans); keeping them costs O(new spans) random
    // B-tree inserts. Rebuild when the new import is at least as big as what is already there.
    const int64_t existing = m_db.queryInt("SELECT max(id) - min(id) + 1 FROM spans", 0);
    m_rebuildIndexes = uint64_t(existing) <= expectedSpans;
    if (m_rebuildIndexes)
        WorkspaceSchema::dropBulkIndexes(m_db);

    auto insertSource = m_db.prepare("INSERT INTO sources(path, size, mtime_ns, format, imported_at_ms, "
                                     "last_opened_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?5)");
    insertSource.bindText(1, file.path).bind(2, file.size).bind(3, file.mtimeNs).bindText(4, "");
    insertSource.bind(5, nowMs());
    insertSource.run();
    m_sourceId = m_db.lastInsertRowId();
    m_firstTraceRow = m_db.queryInt("SELECT coalesce(max(id), 0) + 1 FROM traces");

    m_insertSpan = m_db.prepare(
        "INSERT INTO spans(trace, span_id, parent_id, service, name, kind, start_ns, end_ns, status, "
        "status_message, flags, w3c_flags, trace_state, resource, scope, dropped_attributes, dropped_events, "
        "dropped_links, attrs) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
        "?17, ?18, ?19)");
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
    m_resources.push_back(ResourceSlot{m_db.lastInsertRowId(), 0, false});
    return ResourceRef(m_resources.size() - 1);
}

void WorkspaceWriter::defineResource(ResourceRef ref, const ResourceRecord& resource)
{
    if (ref == 0 || ref >= m_resources.size())
        return;
    ResourceSlot& slot = m_resources[ref];
    slot.serviceId = m_strings.intern(resource.serviceName);
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

int64_t WorkspaceWriter::traceRow(const TraceId& traceId)
{
    if (const auto it = m_traces.find(traceId); it != m_traces.end())
        return it->second;
    m_insertTrace.bind(1, m_sourceId).bind(2, asSigned(traceId.high)).bind(3, asSigned(traceId.low));
    m_insertTrace.run();
    const int64_t row = m_db.lastInsertRowId();
    m_traces.emplace(traceId, row);
    return row;
}

void WorkspaceWriter::addSpan(const SpanRecord& span)
{
    const ResourceSlot& resource =
        span.resource < m_resources.size() ? m_resources[span.resource] : m_resources[0];
    if (span.resource != 0 && !resource.defined)
        m_needsServiceFixup = true;
    const int64_t scopeRow = span.scope < m_scopes.size() ? m_scopes[span.scope] : 0;

    auto& s = m_insertSpan;
    s.bind(1, traceRow(span.traceId));
    s.bind(2, asSigned(span.spanId)).bind(3, asSigned(span.parentSpanId));
    s.bind(4, resource.serviceId).bind(5, m_strings.intern(span.name));
    s.bind(6, int64_t(span.kind)).bind(7, span.startNs).bind(8, span.endNs).bind(9, int64_t(span.status));
    if (span.statusMessage.empty())
        s.bindNull(10);
    else
        s.bindText(10, span.statusMessage, false);
    s.bind(11, int64_t(span.flags)).bind(12, int64_t(span.w3cFlags));
    if (span.traceState.empty())
        s.bindNull(13);
    else
        s.bindText(13, span.traceState, false);
    s.bind(14, resource.rowId).bind(15, scopeRow);
    s.bind(16, int64_t(span.droppedAttributes)).bind(17, int64_t(span.droppedEvents));
    s.bind(18, int64_t(span.droppedLinks));
    if (span.attributes.empty())
        s.bindNull(19);
    else
        s.bindBlob(19, span.attributes, false);
    s.run();
    const int64_t spanRow = m_db.lastInsertRowId();
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

void WorkspaceWriter::summariseTraces()
{
    // One ordered pass over this import's spans, trace by trace, using the (trace, start) index.
    auto query = m_db.prepare("SELECT trace, span_id, parent_id, service, name, start_ns, end_ns, flags "
                              "FROM spans WHERE trace >= ?1 ORDER BY trace, start_ns, id");
    query.bind(1, m_firstTraceRow);
    auto update =
        m_db.prepare("UPDATE traces SET start_ns = ?1, end_ns = ?2, span_count = ?3, service_count = ?4, "
                     "error_count = ?5, root_service = ?6, root_name = ?7, orphan_count = ?8 "
                     "WHERE id = ?9");

    struct Pending
    {
        int64_t trace = 0;
        int64_t start = 0;
        int64_t end = 0;
        int64_t count = 0;
        int64_t errors = 0;
        int64_t rootService = 0;
        int64_t rootName = 0;
        bool haveRoot = false;
        int64_t firstService = 0;
        int64_t firstName = 0;
        std::unordered_set<uint64_t> spanIds;
        std::vector<uint64_t> parents;
        std::unordered_set<int64_t> services;
    } current;

    const auto flush = [&]() {
        if (current.count == 0)
            return;
        int64_t orphans = 0;
        for (uint64_t parent : current.parents)
            orphans += current.spanIds.count(parent) ? 0 : 1;
        update.bind(1, current.start).bind(2, current.end).bind(3, current.count);
        update.bind(4, int64_t(current.services.size())).bind(5, current.errors);
        // No true root (every span has a parent that is missing): name the earliest span.
        update.bind(6, current.haveRoot ? current.rootService : current.firstService);
        update.bind(7, current.haveRoot ? current.rootName : current.firstName);
        update.bind(8, orphans).bind(9, current.trace);
        update.run();
        current = Pending{};
    };

    while (query.step()) {
        const int64_t trace = query.columnInt(0);
        if (trace != current.trace) {
            flush();
            current.trace = trace;
        }
        const auto spanId = uint64_t(query.columnInt(1));
        const auto parentId = uint64_t(query.columnInt(2));
        const int64_t service = query.columnInt(3);
        const int64_t name = query.columnInt(4);
        const int64_t start = query.columnInt(5);
        const int64_t end = query.columnInt(6);
        if (current.count == 0) {
            current.start = start;
            current.end = end;
            current.firstService = service;
            current.firstName = name;
        }
        current.start = std::min(current.start, start);
        current.end = std::max(current.end, end);
        ++current.count;
        if (query.columnInt(7) & SpanFlag::Error)
            ++current.errors;
        current.services.insert(service);
        current.spanIds.insert(spanId);
        if (parentId != 0)
            current.parents.push_back(parentId);
        else if (!current.haveRoot) {
            current.haveRoot = true;
            current.rootService = service;
            current.rootName = name;
        }
    }
    flush();
}

int64_t WorkspaceWriter::commit(int64_t importMs, const std::string& format, const std::string& variant)
{
    if (m_needsServiceFixup) {
        // Spans written before their resource was described (Jaeger's processes follow its spans).
        auto fixup = m_db.prepare("UPDATE spans SET service = (SELECT service FROM resources r WHERE r.id = "
                                  "spans.resource) WHERE trace >= ?1 AND resource != 0");
        fixup.bind(1, m_firstTraceRow);
        fixup.run();
    }
    stage("indexing");
    if (m_rebuildIndexes)
        WorkspaceSchema::createBulkIndexes(m_db);
    stage("summarising");
    summariseTraces();

    auto finish = m_db.prepare("UPDATE sources SET import_ms = ?1, trace_count = ?2, span_count = ?3, "
                               "warning_count = ?4, variant = ?5, format = ?6 WHERE id = ?7");
    finish.bind(1, importMs).bind(2, int64_t(m_traces.size())).bind(3, int64_t(m_spanCount));
    finish.bind(4, int64_t(m_warningCount)).bindText(5, variant).bindText(6, format).bind(7, m_sourceId);
    finish.run();

    // An older import of the same path (the file changed since) is replaced, atomically.
    std::vector<int64_t> replaced;
    auto older = m_db.prepare("SELECT id FROM sources WHERE path = ?1 AND id != ?2");
    older.bindText(1, m_file.path).bind(2, m_sourceId);
    while (older.step())
        replaced.push_back(older.columnInt(0));
    for (int64_t id : replaced)
        Workspace::deleteSourceRows(m_db, id);
    m_transaction->commit();
    m_transaction.reset();
    return m_sourceId;
}

} // namespace spanscope
