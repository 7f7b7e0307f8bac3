// SPDX-License-Identifier: MIT
#pragma once

#include "SpanSink.h"
#include "StringInterner.h"
#include "TraceBuilder.h"
#include "Workspace.h"

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace spanscope {

struct WriterOptions
{
    // Memory for the compact span entries kept to build trace packs at commit without reading the
    // spans back. Beyond it, packs are built from the table instead (slower, bounded memory).
    size_t packMemoryBudget = size_t(320) << 20;
    // Recorded with the source: a cached import is reused only by importers of the same version.
    int importerVersion = 0;
};

// Writes one import into the workspace: the SpanSink every importer feeds (directly, or through
// PipelinedSink from the parsing thread). Everything happens in one transaction that commit()
// finishes; destroying the writer without commit() rolls the whole import back, so a cancelled or
// failed import leaves nothing behind (docs/ARCHITECTURE.md, "Import").
class WorkspaceWriter : public SpanSink
{
public:
    WorkspaceWriter(Workspace& workspace, const FileIdentity& file, const WriterOptions& options = {});
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
    // True when the import outgrew the pack memory budget (packs are then built from the table).
    bool overBudget() const { return m_overBudget; }

    // Called between the stages of commit() with a short description ("packing", "committing").
    void setStageCallback(std::function<void(const char*)> callback)
    {
        m_stageCallback = std::move(callback);
    }

    // Builds every trace's pack and summary, records the source and commits. Older imports of the
    // same path are replaced in the same transaction. Returns the new source id.
    int64_t commit(int64_t importMs, const std::string& format, const std::string& variant);

    static constexpr size_t kStoredWarnings = 100;

private:
    struct ResourceSlot
    {
        int64_t rowId = 0;
        int64_t serviceId = 0;
        std::string host;
        bool defined = false;
    };
    // A span as kept for the packs: ~80 bytes instead of a row read back from the table.
    struct PendingSpan
    {
        int64_t rowId;
        int64_t startNs;
        int64_t endNs;
        uint64_t spanId;
        uint64_t parentSpanId;
        int64_t nameId;
        uint32_t trace; // index into m_traceRows
        ResourceRef resource;
        uint32_t flags;
        uint8_t kind;
        uint8_t status;
    };

    uint32_t traceIndex(const TraceId& traceId);
    void buildPacksFromMemory();
    void buildPacksFromTable();
    void storeTrace(TraceBuilder& builder, size_t traceIndex, const std::vector<SpanEntry>& entries);
    TraceBuilder makeBuilder();
    void stage(const char* what);

    sql::Database& m_db;
    std::unique_ptr<sql::Transaction> m_transaction;
    StringInterner m_strings;
    FileIdentity m_file;
    WriterOptions m_options;
    int64_t m_sourceId = 0;
    int64_t m_firstSpanRow = 0;
    int64_t m_nextSpanRow = 0;
    bool m_needsServiceFixup = false;
    bool m_overBudget = false;

    sql::Statement m_insertSpan;
    sql::Statement m_insertEvent;
    sql::Statement m_insertLink;
    sql::Statement m_insertTrace;
    sql::Statement m_insertResource;
    sql::Statement m_insertScope;
    sql::Statement m_insertWarning;

    std::vector<ResourceSlot> m_resources{ResourceSlot{}}; // index = ResourceRef; 0 = none
    std::vector<int64_t> m_scopes{0};
    std::unordered_map<TraceId, uint32_t, TraceIdHash> m_traceIndex;
    std::vector<std::pair<int64_t, TraceId>> m_traceRows; // traces.id and trace id, by index
    std::vector<PendingSpan> m_pending;
    uint64_t m_spanCount = 0;
    uint64_t m_warningCount = 0;
    std::function<void(const char*)> m_stageCallback;
};

} // namespace spanscope
