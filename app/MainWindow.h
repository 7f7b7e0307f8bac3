// SPDX-License-Identifier: MIT
#pragma once

#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace spanscope {

class SpanDetailsView;
class TraceListModel;
class TraceListView;
class TraceSession;
class WaterfallView;

// The window: wires the trace list, the waterfall and the span details to a TraceSession. It owns
// no data and does no work of the views'.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<TraceSession> session, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& paths);
    TraceSession& session() { return *m_session; }
    TraceListView* traceList() const { return m_traceList; }
    WaterfallView* waterfall() const { return m_waterfall; }
    SpanDetailsView* details() const { return m_details; }
    QString statusText() const;

private:
    void createActions();
    void openFileDialog();
    void openWorkspaceDialog();
    void saveWorkspaceAsDialog();
    void onImportFinished(const ImportOutcome& outcome);
    void onTraceLoaded(std::shared_ptr<const TraceAnalysis> analysis);
    void onSpanSelected(uint32_t span);
    void showAbout();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<TraceSession> m_session;
    TraceListModel* m_traceModel;
    TraceListView* m_traceList;
    WaterfallView* m_waterfall;
    SpanDetailsView* m_details;
    QLabel* m_banner;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    int64_t m_selectAfterImport = 0;
    std::shared_ptr<const TraceAnalysis> m_analysis;
};

} // namespace spanscope
