// SPDX-License-Identifier: MIT
// MainWindow: the files and workspaces it shows. File → Open, Open Recent, Close, Open and Save
// Workspace, and what the trace list does when files come and go.
#include "LimitsDialog.h"
#include "MainWindow.h"
#include "model/TextFormat.h"
#include "model/TraceListModel.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/TracePanel.h"

#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>

namespace spanscope {

namespace {

QString displayName(const std::string& path)
{
    return TextFormat::untrusted(QFileInfo(QString::fromStdString(path)).fileName().toStdString(), 120);
}

// The file on disk is not what was imported (changed or gone): the cached import is older.
bool changedSinceImport(const SourceInfo& source)
{
    const auto now = FileIdentity::of(source.path);
    return !now || now->size != source.size || now->mtimeNs != source.mtimeNs;
}

} // namespace

MainWindow::FileDialogs MainWindow::FileDialogs::native()
{
    FileDialogs dialogs;
    dialogs.openTraces = [](QWidget* parent) {
        return QFileDialog::getOpenFileNames(
            parent, tr("Open Trace Files"), QString(),
            tr("Trace files (*.json *.jsonl *.ndjson *.pb *.binpb *.proto *.gz *.zst);;All files (*)"));
    };
    dialogs.openWorkspace = [](QWidget* parent) {
        return QFileDialog::getOpenFileName(parent, tr("Open Workspace"), QString(),
                                            tr("Spanscope workspaces (*.spanscope);;All files (*)"));
    };
    dialogs.saveWorkspace = [](QWidget* parent) {
        return QFileDialog::getSaveFileName(parent, tr("Save Workspace As"), QString(),
                                            tr("Spanscope workspaces (*.spanscope)"));
    };
    return dialogs;
}

void MainWindow::openFiles(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    // The first file of the batch that opens gets its first trace selected (docs/DECISIONS.md).
    m_selectNextOpened = true;
    // Settings are read here, on the UI thread, and travel with the job (docs/ARCHITECTURE.md,
    // "Conventions"); the command line's limit holds over them for the whole run.
    ImportLimits limits = LimitsDialog::load();
    if (m_maxSpansPerFile)
        limits.maxSpansPerFile = *m_maxSpansPerFile;
    m_session->importFiles(paths, !m_importAgain, limits);
}

void MainWindow::setCommandLineImport(bool importAgain, std::optional<uint64_t> maxSpansPerFile)
{
    m_importAgain = importAgain || maxSpansPerFile.has_value();
    m_maxSpansPerFile = maxSpansPerFile;
}

void MainWindow::openFileDialog()
{
    openFiles(m_dialogs.openTraces(this));
}

void MainWindow::openWorkspaceDialog()
{
    const QString path = m_dialogs.openWorkspace(this);
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::saveWorkspaceAsDialog()
{
    const QString path = m_dialogs.saveWorkspace(this);
    if (!path.isEmpty())
        saveWorkspaceAs(path);
}

bool MainWindow::openWorkspace(const QString& path)
{
    auto workspace = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
    if (!workspace) {
        showError(tr("Cannot open the workspace"), QString::fromStdString(workspace.error()));
        return false;
    }
    m_selectNextOpened = false;
    // The session tells the window (workspaceChanged) before the old workspace goes, and the
    // trace list gets a model on the new one; then every source of the file is shown.
    m_session->setWorkspace(std::move(*workspace));
    m_status->setText(tr("Workspace %1: %n file(s)", nullptr, int(m_session->openSources().size()))
                          .arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::saveWorkspaceAs(const QString& chosen)
{
    if (m_session->openSources().empty()) {
        m_status->setText(tr("Nothing to save: no file is open."));
        return false;
    }
    QString path = chosen;
    if (!path.endsWith(QLatin1String(".spanscope")))
        path += QLatin1String(".spanscope");
    const QString current =
        QFileInfo(QString::fromStdString(m_session->workspace().path())).canonicalFilePath();
    if (QFileInfo::exists(path) && QFileInfo(path).canonicalFilePath() == current) {
        m_status->setText(tr("Cannot save the workspace over itself: %1").arg(path));
        return false;
    }
    // Replacing a file: its write-ahead log and index go too, or SQLite would apply the old log
    // to the new file.
    for (const QString& file :
         QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        if (QFileInfo::exists(file) && !QFile::remove(file)) {
            m_status->setText(tr("Cannot replace %1").arg(file));
            return false;
        }
    }
    // What the window shows goes into the file, not the rest of the shared cache.
    const auto saved = m_session->workspace().saveAs(path.toStdString(), m_session->openSources());
    m_status->setText(saved ? tr("Workspace saved to %1").arg(path)
                            : tr("Cannot save the workspace: %1").arg(QString::fromStdString(saved.error())));
    return bool(saved);
}

void MainWindow::closeCurrentFile()
{
    int64_t source = m_session->sourceOfTrace(m_session->currentTraceRow());
    if (source == 0 && m_session->openSources().size() == 1)
        source = m_session->openSources().front();
    if (source != 0)
        m_session->closeSource(source);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    m_recentMenu->setToolTipsVisible(true);
    const std::vector<SourceInfo> recent = m_session->recentSources(20);
    QStringList names;
    for (const SourceInfo& source : recent)
        names << displayName(source.path);
    for (const SourceInfo& source : recent) {
        const QString name = displayName(source.path);
        QString text = TextFormat::menuText(name);
        if (names.count(name) > 1) // two files of one name: which folder each is in
            text += QStringLiteral(" (") +
                    TextFormat::menuText(TextFormat::untrusted(
                        QFileInfo(QString::fromStdString(source.path)).path().toStdString(), 120)) +
                    QLatin1Char(')');
        text += QStringLiteral(" — ") + tr("%n trace(s)", nullptr, int(source.traceCount));
        if (changedSinceImport(source))
            text += QStringLiteral(" ") + tr("(changed since the import)");
        QAction* entry = m_recentMenu->addAction(text);
        entry->setObjectName(QStringLiteral("recent-%1").arg(source.id));
        entry->setData(qint64(source.id));
        entry->setToolTip(
            TextFormat::toolTip(TextFormat::untrusted(source.path, 1000) + QLatin1Char('\n') +
                                tr("Imported %1: %n span(s)", nullptr, int(source.spanCount))
                                    .arg(TextFormat::timestamp(source.importedAtMs * 1'000'000))));
        connect(entry, &QAction::triggered, this, [this, id = source.id] { reopenRecent(id); });
    }
    if (recent.empty())
        m_recentMenu->addAction(tr("No Recent Files"))->setEnabled(false);
}

void MainWindow::reopenRecent(int64_t sourceId)
{
    const auto source = SourceListReader(m_session->workspace().db()).find(sourceId);
    m_selectNextOpened = true;
    if (!source || !m_session->reopenSource(sourceId)) {
        m_selectNextOpened = false;
        m_status->setText(tr("That file is no longer in the workspace; open it with File → Open."));
        rebuildRecentMenu();
        return;
    }
    // From the workspace, as imported: the file is not read again.
    QString text =
        tr("%1: %n trace(s) from the cache", nullptr, int(source->traceCount)).arg(displayName(source->path));
    if (changedSinceImport(*source))
        text += QStringLiteral(" · ") + tr("the file changed since the import; File → Open reads it again");
    m_status->setText(text);
}

void MainWindow::onWorkspaceChanged()
{
    m_panel->setTrace(nullptr, {});
    m_details->clear();
    // The list's model reads through the workspace's connection: a new workspace, a new model
    // (the view deletes the old one before the old workspace closes).
    m_traceList->setModel(new TraceListModel(m_session->workspace().db()));
    const QString name = QFileInfo(QString::fromStdString(m_session->workspace().path())).fileName();
    setWindowTitle(m_session->isSharedCache() ? tr("Spanscope") : tr("%1 — Spanscope").arg(name));
}

void MainWindow::onSourcesChanged()
{
    m_traceList->model()->setSources(m_session->openSources());
    // Nothing open (the first file, a closed one, another workspace): the first trace, unless a
    // file being opened is about to pick its own.
    if (!m_selectNextOpened && m_session->currentTraceRow() == 0 && m_traceList->model()->rowCount() > 0)
        m_traceList->selectRow(0);
    updateFileActions();
    rebuildRecentMenu();
}

void MainWindow::onSourceOpened(int64_t sourceId)
{
    if (!m_selectNextOpened)
        return;
    m_selectNextOpened = false;
    if (m_traceList->selectFirstTraceOf(sourceId))
        return;
    if (m_session->currentTraceRow() == 0 && m_traceList->model()->rowCount() > 0)
        m_traceList->selectRow(0);
    if (!m_traceList->filterEdit()->text().isEmpty())
        m_status->setText(m_status->text() + QStringLiteral(" · ") +
                          tr("its traces are hidden by the filter"));
}

void MainWindow::onTraceClosed()
{
    m_panel->setTrace(nullptr, {});
    m_details->clear();
    m_traceList->forgetCurrentTrace();
}

void MainWindow::updateFileActions()
{
    const bool anyOpen = !m_session->openSources().empty();
    int64_t current = m_session->sourceOfTrace(m_session->currentTraceRow());
    if (current == 0 && m_session->openSources().size() == 1)
        current = m_session->openSources().front();
    QAction* close = action(QStringLiteral("closeFile"));
    close->setEnabled(current != 0);
    const auto source = current ? SourceListReader(m_session->workspace().db()).find(current) : std::nullopt;
    close->setText(source ? tr("&Close “%1”").arg(TextFormat::menuText(displayName(source->path)))
                          : tr("&Close File"));
    action(QStringLiteral("closeAllFiles"))->setEnabled(anyOpen);
    action(QStringLiteral("saveWorkspace"))->setEnabled(anyOpen);
}

} // namespace spanscope
