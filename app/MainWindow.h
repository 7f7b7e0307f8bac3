// SPDX-License-Identifier: MIT
#pragma once

#include "TraceSession.h"
#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace spanscope {

class SpanDetailsView;
class TraceListModel;
class TraceListView;
class TracePanel;
class WaterfallView;

// The window: wires the trace list, the trace panel and the span details to a TraceSession. It
// owns no data and does no work of the views'.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<TraceSession> session, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& paths);
    TraceSession& session() { return *m_session; }
    TraceListView* traceList() const { return m_traceList; }
    TracePanel* tracePanel() const { return m_panel; }
    WaterfallView* waterfall() const;
    SpanDetailsView* details() const { return m_details; }
    QString statusText() const;
    QAction* action(const QString& objectName) const;

private:
    void createActions();
    void openFileDialog();
    void openWorkspaceDialog();
    void saveWorkspaceAsDialog();
    void onImportFinished(const ImportOutcome& outcome);
    void onTraceLoaded(const LoadedTrace& trace);
    void onSpanSelected(uint32_t span);
    void followLink(const QString& traceId, const QString& spanId);
    void reloadWithOptions();
    void showAbout();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<TraceSession> m_session;
    TraceListModel* m_traceModel;
    TraceListView* m_traceList;
    TracePanel* m_panel;
    SpanDetailsView* m_details;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QAction* m_clockSkew = nullptr;
    std::shared_ptr<const TraceAnalysis> m_analysis;
    uint64_t m_selectAfterLoad = 0; // span id to select when the next trace arrives (links, reloads)
};

} // namespace spanscope
