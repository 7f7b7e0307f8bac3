// SPDX-License-Identifier: MIT
#include "TraceSession.h"

#include "model/EventTimes.h"
#include "model/TraceCatalog.h"
#include "model/TraceLoader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <utility>

namespace spanscope {

TraceSession::TraceSession(std::unique_ptr<Workspace> workspace, QObject* parent)
    : QObject(parent), m_workspace(std::move(workspace))
{
    qRegisterMetaType<spanscope::ImportOutcome>("spanscope::ImportOutcome");
    qRegisterMetaType<spanscope::LoadedTrace>("spanscope::LoadedTrace");
    qRegisterMetaType<spanscope::SearchResult>("spanscope::SearchResult");
}

TraceSession::~TraceSession() = default;

void TraceSession::setWorkspace(std::unique_ptr<Workspace> workspace)
{
    m_importJobs.cancel();
    m_loadJobs.cancel();
    m_searchJobs.cancel();
    m_importJobs.waitForDone();
    m_loadJobs.waitForDone();
    m_searchJobs.waitForDone();
    m_pendingImports.clear();
    m_importing = false;
    m_currentTrace = 0;
    // The old workspace lives until the listeners have let go of everything that reads through
    // its connection (the trace list's model).
    std::unique_ptr<Workspace> old = std::exchange(m_workspace, std::move(workspace));
    m_openSources.clear();
    m_openSources = TraceCatalog(m_workspace->db()).sourceIds();
    emit workspaceChanged();
    old.reset();
    emit sourcesChanged();
}

bool TraceSession::isSharedCache() const
{
    return m_workspace->path() == Workspace::defaultCachePath();
}

int64_t TraceSession::sourceOfTrace(int64_t traceRow) const
{
    return TraceCatalog(m_workspace->db()).sourceOfTrace(traceRow);
}

void TraceSession::closeSource(int64_t sourceId)
{
    const auto open = std::find(m_openSources.begin(), m_openSources.end(), sourceId);
    if (open == m_openSources.end())
        return;
    const bool closesCurrent = m_currentTrace != 0 && sourceOfTrace(m_currentTrace) == sourceId;
    m_openSources.erase(open);
    if (closesCurrent) {
        m_loadJobs.cancel();
        m_searchJobs.cancel();
        m_currentTrace = 0;
        emit traceClosed();
    }
    emit sourcesChanged();
}

void TraceSession::closeAllSources()
{
    if (m_openSources.empty())
        return;
    m_openSources.clear();
    if (m_currentTrace != 0) {
        m_loadJobs.cancel();
        m_searchJobs.cancel();
        m_currentTrace = 0;
        emit traceClosed();
    }
    emit sourcesChanged();
}

std::vector<SourceInfo> TraceSession::recentSources(size_t limit) const
{
    try {
        return SourceListReader(m_workspace->db()).recent(limit, m_openSources);
    } catch (const sql::Error&) {
        return {};
    }
}

bool TraceSession::reopenSource(int64_t sourceId)
{
    try {
        if (!SourceListReader(m_workspace->db()).find(sourceId))
            return false;
        m_workspace->touchSource(sourceId); // recently used: the cache keeps it longer
    } catch (const sql::Error&) {
        return false;
    }
    if (std::find(m_openSources.begin(), m_openSources.end(), sourceId) == m_openSources.end()) {
        m_openSources.push_back(sourceId);
        emit sourcesChanged();
    }
    emit sourceOpened(sourceId);
    return true;
}

void TraceSession::importFiles(const QStringList& paths, bool reuseCache, const ImportLimits& limits)
{
    m_pendingImports << paths;
    m_reuseCache = reuseCache;
    m_limits = limits;
    if (!m_importing)
        startNextImport();
}

void TraceSession::cancelImport()
{
    m_pendingImports.clear();
    m_importJobs.cancel();
    if (m_importing) {
        m_importing = false;
        ImportOutcome outcome;
        outcome.status = ImportOutcome::Status::Cancelled;
        emit importFinished(outcome);
    }
}

void TraceSession::startNextImport()
{
    if (m_pendingImports.isEmpty()) {
        m_importing = false;
        return;
    }
    m_importing = true;
    const QString path = m_pendingImports.takeFirst();
    const std::string workspacePath = m_workspace->path();
    ImportOptions options;
    options.reuseCached = m_reuseCache;
    options.limits = m_limits;
    if (m_workspace->path() == Workspace::defaultCachePath()) {
        options.cacheLimit = 20; // the shared cache keeps recent files (docs/DECISIONS.md)
        options.protectedSources = m_openSources;
    }
    emit importStarted(path);

    m_importJobs.start(
        [this, path, workspacePath, options](std::atomic<bool>& cancel) {
            // The worker has its own connection; WAL lets the window keep reading meanwhile.
            auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
            if (!workspace) {
                ImportOutcome failed;
                failed.path = path.toStdString();
                failed.error = workspace.error();
                return failed;
            }
            QElapsedTimer throttle;
            throttle.start();
            const auto progress = [&](const ImportProgress& p) {
                if (throttle.elapsed() < 50 && p.bytesDone < p.bytesTotal)
                    return;
                throttle.restart();
                const QString stage = QString::fromLatin1(p.stage);
                QMetaObject::invokeMethod(
                    this,
                    [this, path, p, stage]() {
                        emit importProgress(path, qint64(p.bytesDone), qint64(p.bytesTotal), stage);
                    },
                    Qt::QueuedConnection);
            };
            return importFile(**workspace, path.toStdString(), options, progress, &cancel);
        },
        [this](const ImportOutcome& outcome) {
            bool added = false;
            if (outcome.succeeded() && std::find(m_openSources.begin(), m_openSources.end(),
                                                 outcome.sourceId) == m_openSources.end()) {
                added = true;
                m_openSources.push_back(outcome.sourceId);
                // A re-import of a changed file replaced older sources of the same path.
                m_openSources = TraceCatalog(m_workspace->db()).existingSources(m_openSources);
                if (m_currentTrace != 0 && sourceOfTrace(m_currentTrace) == 0) {
                    m_currentTrace = 0; // its file was imported again: the old rows are gone
                    emit traceClosed();
                }
            }
            m_importing = false;
            emit importFinished(outcome);
            if (added)
                emit sourcesChanged();
            if (outcome.succeeded())
                emit sourceOpened(outcome.sourceId);
            if (outcome.status == ImportOutcome::Status::Imported)
                checkpointInBackground();
            startNextImport();
        });
}

void TraceSession::loadTrace(int64_t traceRow, const AnalysisOptions& options)
{
    m_currentTrace = traceRow;
    m_searchJobs.cancel();
    const std::string workspacePath = m_workspace->path();
    m_loadJobs.start(
        [workspacePath, traceRow, options](std::atomic<bool>& cancel) -> std::pair<LoadedTrace, QString> {
            auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::ExistingOnly);
            if (!workspace)
                return {LoadedTrace{}, QString::fromStdString(workspace.error())};
            auto data = TraceLoader((*workspace)->db()).load(traceRow, &cancel);
            if (!data)
                return {LoadedTrace{}, QString::fromStdString(data.error())};
            LoadedTrace loaded;
            loaded.events = loadEventTimes((*workspace)->db(), *data);
            loaded.analysis = analyzeTrace(std::move(*data), options);
            return {std::move(loaded), QString()};
        },
        [this](const std::pair<LoadedTrace, QString>& result) {
            if (result.first.analysis)
                emit traceLoaded(result.first);
            else
                emit traceLoadFailed(result.second);
        });
}

void TraceSession::checkpointInBackground()
{
    const std::string workspacePath = m_workspace->path();
    m_maintenanceJobs.start(
        [workspacePath](std::atomic<bool>&) {
            if (auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::ExistingOnly)) {
                try {
                    (*workspace)->checkpoint();
                } catch (const sql::Error&) {
                    // Busy or read-only: the next checkpoint catches up.
                }
            }
            return true;
        },
        [](bool) {});
}

int64_t TraceSession::findTrace(const TraceId& traceId) const
{
    for (const TraceRef& trace : TraceCatalog(m_workspace->db()).tracesWithId(traceId)) {
        if (std::find(m_openSources.begin(), m_openSources.end(), trace.source) != m_openSources.end())
            return trace.row;
    }
    return 0;
}

void TraceSession::search(const std::shared_ptr<const TraceAnalysis>& analysis, const SearchQuery& query)
{
    if (!analysis)
        return;
    const std::string workspacePath = m_workspace->path();
    m_searchJobs.start(
        [workspacePath, analysis, query](std::atomic<bool>& cancel) {
            auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::ExistingOnly);
            if (!workspace) {
                SearchResult failed;
                failed.error = workspace.error();
                return failed;
            }
            return searchTrace((*workspace)->db(), analysis->data, query, &cancel);
        },
        [this](const SearchResult& result) { emit searchFinished(result); });
}

void TraceSession::waitForIdle()
{
    for (;;) {
        m_importJobs.waitForDone();
        m_loadJobs.waitForDone();
        m_searchJobs.waitForDone();
        m_maintenanceJobs.waitForDone();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCoreApplication::sendPostedEvents();
        if (!m_importing && !m_importJobs.isRunning() && !m_loadJobs.isRunning() && !m_searchJobs.isRunning())
            break;
        QThread::msleep(5);
    }
    QCoreApplication::processEvents(QEventLoop::AllEvents);
}

} // namespace spanscope
