// SPDX-License-Identifier: MIT
#pragma once

#include "SpanSink.h"
#include "StringInterner.h"
#include "Workspace.h"

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace spanscope {

// Writes one import into the workspace: the SpanSink every importer feeds (through
// PipelinedSink when importing in the background). Everything happens in one transaction that
// commit() finishes; destroying the writer without commit() rolls the whole import back, so a
// cancelled or failed import leaves no trace behind (docs/ARCHITECTURE.md, "Import").
class WorkspaceWriter : public SpanSink
{
public:
    // Opens the transaction. expectedSpans (a guess from the file size) decides whether dropping
    // and rebuilding the indexes is cheaper than keeping them up to date.
    WorkspaceWriter(Workspace& workspace, const FileIdentity& file, uint64_t expectedSpans);
    ~WorkspaceWriter() override;

    ResourceRef addResource(const ResourceRecord& resource) override;
    ResourceRef declareResource() override;
    void defineResource(ResourceRef ref, const ResourceRecord& resource) override;
    ScopeRef addScope(const ScopeRecord& scope) override;
    ScopeRef declareScope() override;
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override;
    void addSpan(const SpanRecord& span) override;
    void addWarning(const ImportMessage& warning) override;

    uint64_t spanCount() const { return m_spanCount; }
    uint64_t warningCount() const { return m_warningCount; }

    // Called between the stages of commit() with a short description ("indexing", "summarising").
    void setStageCallback(std::function<void(const char*)> callback)
    {
        m_stageCallback = std::move(callback);
    }

    // Builds indexes and trace summaries, records the source and commits. Older imports of the same
    // path are replaced in the same transaction. Returns the new source id.
    int64_t commit(int64_t importMs, const std::string& format, const std::string& variant);

    static constexpr size_t kStoredWarnings = 100;

private:
    struct ResourceSlot
    {
        int64_t rowId = 0;
        int64_t serviceId = 0;
        bool defined = false;
    };

    int64_t traceRow(const TraceId& traceId);
    void summariseTraces();
    void stage(const char* what);

    sql::Database& m_db;
    std::unique_ptr<sql::Transaction> m_transaction;
    StringInterner m_strings;
    FileIdentity m_file;
    int64_t m_sourceId = 0;
    int64_t m_firstTraceRow = 0;
    bool m_rebuildIndexes = false;
    bool m_needsServiceFixup = false;

    sql::Statement m_insertSpan;
    sql::Statement m_insertEvent;
    sql::Statement m_insertLink;
    sql::Statement m_insertTrace;
    sql::Statement m_insertResource;
    sql::Statement m_insertScope;
    sql::Statement m_insertWarning;

    std::vector<ResourceSlot> m_resources{ResourceSlot{}}; // index = ResourceRef; 0 = none
    std::vector<int64_t> m_scopes{0};
    std::unordered_map<TraceId, int64_t, TraceIdHash> m_traces;
    uint64_t m_spanCount = 0;
    uint64_t m_warningCount = 0;
    std::function<void(const char*)> m_stageCallback;
};

} // namespace spanscope
