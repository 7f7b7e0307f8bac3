// SPDX-License-Identifier: MIT
#pragma once

#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"
#include "model/JobTracker.h"
#include "model/SourceListReader.h"
#include "model/TraceSearch.h"
#include "model/Workspace.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <vector>

namespace spanscope {

// A trace as the window shows it: the analysis, and the times of its events.
struct LoadedTrace
{
    std::shared_ptr<const TraceAnalysis> analysis;
    std::vector<std::tuple<uint32_t, int64_t, int64_t>> events; // (span, time, time)
};

// What one window has open: the workspace, the sources (files) opened in this window, and the
// background work on them (imports and trace loading), each through its own JobTracker. The
// shared cache workspace holds files of earlier sessions too; only the open sources are shown,
// the others are a click away (recentSources(), reopenSource()).
class TraceSession : public QObject
{
    Q_OBJECT

public:
    explicit TraceSession(std::unique_ptr<Workspace> workspace, QObject* parent = nullptr);
    ~TraceSession() override;

    Workspace& workspace() { return *m_workspace; }
    const std::vector<int64_t>& openSources() const { return m_openSources; }
    bool isSharedCache() const;
    // Replaces the workspace (Open workspace…): every source in it is shown. Emits
    // workspaceChanged while the old workspace is still alive, then sourcesChanged.
    void setWorkspace(std::unique_ptr<Workspace> workspace);

    // Closes a file in this window; its import stays in the workspace (File → Open Recent). If the
    // loaded trace is one of its traces, it is unloaded (traceClosed).
    void closeSource(int64_t sourceId);
    void closeAllSources();
    // Sources of the workspace not open here, most recently opened first.
    std::vector<SourceInfo> recentSources(size_t limit = 20) const;
    // Opens an imported source again, from the workspace, without reading the file. False if the
    // workspace no longer has it.
    bool reopenSource(int64_t sourceId);
    // The source a trace belongs to (0 if none).
    int64_t sourceOfTrace(int64_t traceRow) const;

    // Imports the files one after the other in the background.
    void importFiles(const QStringList& paths, bool reuseCache = true, const ImportLimits& limits = {});
    void cancelImport();
    bool isImporting() const { return m_importing; }
    bool hasPendingImports() const { return !m_pendingImports.isEmpty(); }

    void loadTrace(int64_t traceRow, const AnalysisOptions& options);
    int64_t currentTraceRow() const { return m_currentTrace; }
    // The trace with this id among the open sources (0 if none): for following links.
    int64_t findTrace(const TraceId& traceId) const;

    // Finds spans of the loaded trace in the background; a newer search replaces an older one.
    void search(const std::shared_ptr<const TraceAnalysis>& analysis, const SearchQuery& query);
    // Blocks until background work is done and its results delivered (tests, command line).
    void waitForIdle();

signals:
    void importStarted(const QString& path);
    void importProgress(const QString& path, qint64 done, qint64 total, const QString& stage);
    void importFinished(const spanscope::ImportOutcome& outcome);
    void workspaceChanged();
    void sourcesChanged();
    // A file was opened (imported, found in the cache, or reopened), after sourcesChanged.
    void sourceOpened(int64_t sourceId);
    void traceClosed();
    void traceLoaded(const spanscope::LoadedTrace& trace);
    void traceLoadFailed(const QString& message);
    void searchFinished(const spanscope::SearchResult& result);

private:
    void startNextImport();
    void checkpointInBackground();

    std::unique_ptr<Workspace> m_workspace;
    std::vector<int64_t> m_openSources;
    QStringList m_pendingImports;
    bool m_reuseCache = true;
    ImportLimits m_limits;
    bool m_importing = false;
    int64_t m_currentTrace = 0;
    JobTracker m_importJobs;
    JobTracker m_loadJobs;
    JobTracker m_searchJobs;
    JobTracker m_maintenanceJobs;
};

} // namespace spanscope
