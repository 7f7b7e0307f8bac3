// SPDX-License-Identifier: MIT
#pragma once

#include "TraceSession.h"
#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"
#include "views/ViewTheme.h"

#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace spanscope {

class SpanDetailsView;
class TraceListView;
class TracePanel;
class WaterfallView;

// The window: wires the trace list, the trace panel and the span details to a TraceSession. It
// owns no data and does no work of the views'.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Where the file menu asks for paths: the platform's file dialogs, or a test's answers.
    struct FileDialogs
    {
        std::function<QStringList(QWidget* parent)> openTraces;
        std::function<QString(QWidget* parent)> openWorkspace;
        std::function<QString(QWidget* parent)> saveWorkspace;
        static FileDialogs native();
    };

    explicit MainWindow(std::unique_ptr<TraceSession> session, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setFileDialogs(FileDialogs dialogs) { m_dialogs = std::move(dialogs); }
    // The command line's import rules, for every file this window opens while it runs (File →
    // Open as the files named on the command line): with a span limit (--max-spans), each file is
    // imported again, never taken from the cache, at most that many spans, whatever File →
    // Import Limits says; --no-cache imports again too (docs/DECISIONS.md, "A span limit means a
    // new import").
    void setCommandLineImport(bool importAgain, std::optional<uint64_t> maxSpansPerFile);
    // What the file menu does once it has its paths.
    void openFiles(const QStringList& paths);
    bool openWorkspace(const QString& path);
    bool saveWorkspaceAs(const QString& path);
    // Closes the file the open trace comes from (File → Close File).
    void closeCurrentFile();
    void setAppearance(std::optional<Appearance> appearance);
    TraceSession& session() { return *m_session; }
    TraceListView* traceList() const { return m_traceList; }
    TracePanel* tracePanel() const { return m_panel; }
    WaterfallView* waterfall() const;
    SpanDetailsView* details() const { return m_details; }
    QString statusText() const;
    QAction* action(const QString& objectName) const;
    QMenu* recentMenu() const { return m_recentMenu; }

private:
    void createActions();
    void createAppearanceMenu(QMenu* viewMenu);
    void openFileDialog();
    void openWorkspaceDialog();
    void saveWorkspaceAsDialog();
    void rebuildRecentMenu();
    void reopenRecent(int64_t sourceId);
    void onWorkspaceChanged();
    void onSourcesChanged();
    void onSourceOpened(int64_t sourceId);
    void onTraceClosed();
    void updateFileActions();
    void loadTrace(int64_t traceRow);
    void onImportFinished(const ImportOutcome& outcome);
    void onTraceLoaded(const LoadedTrace& trace);
    void onSpanSelected(uint32_t span);
    // The trace on screen: the trace area's (TraceViewState), not a copy.
    const std::shared_ptr<const TraceAnalysis>& analysis() const;
    void followLink(const QString& traceId, const QString& spanId);
    void reloadWithOptions();
    void showAbout();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<TraceSession> m_session;
    FileDialogs m_dialogs = FileDialogs::native();
    TraceListView* m_traceList;
    TracePanel* m_panel;
    SpanDetailsView* m_details;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QMenu* m_recentMenu = nullptr;
    QAction* m_clockSkew = nullptr;
    uint64_t m_selectAfterLoad = 0;  // span id to select when the next trace arrives (links, reloads)
    bool m_selectNextOpened = false; // the next file opened gets its first trace selected
    bool m_importAgain = false;      // the command line's --no-cache or --max-spans
    std::optional<uint64_t> m_maxSpansPerFile; // the command line's --max-spans
};

} // namespace spanscope
