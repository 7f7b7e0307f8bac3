// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include "TraceSession.h"
#include "model/SpanDetails.h"
#include "model/TraceListModel.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/WaterfallView.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace spanscope {

MainWindow::MainWindow(std::unique_ptr<TraceSession> session, QWidget* parent)
    : QMainWindow(parent), m_session(std::move(session)),
      m_traceModel(new TraceListModel(m_session->workspace().db(), this)),
      m_traceList(new TraceListView(m_traceModel, this)), m_waterfall(new WaterfallView(this)),
      m_details(new SpanDetailsView(this)), m_banner(new QLabel(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Spanscope"));
    resize(1500, 920);

    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fff8c5; color: #4d2d00; padding: 6px; "
                                           "border-bottom: 1px solid #d4a72c;"));
    m_banner->hide();

    auto* center = new QWidget(this);
    auto* centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(0);
    centerLayout->addWidget(m_banner);
    centerLayout->addWidget(m_waterfall, 1);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(center);
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_traceList);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({380, 1120});
    setCentralWidget(main);

    m_status->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_session.get(), &TraceSession::cancelImport);

    createActions();

    connect(m_session.get(), &TraceSession::importStarted, this, [this](const QString& path) {
        m_status->setText(tr("Importing %1…").arg(QFileInfo(path).fileName()));
        m_progress->setRange(0, 1000);
        m_progress->setValue(0);
        m_progress->show();
        m_cancel->show();
    });
    connect(m_session.get(), &TraceSession::importProgress, this,
            [this](const QString& path, qint64 done, qint64 total, const QString& stage) {
                m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
                if (stage != QLatin1String("reading"))
                    m_status->setText(tr("Importing %1: %2…").arg(QFileInfo(path).fileName(), stage));
            });
    connect(m_session.get(), &TraceSession::importFinished, this, &MainWindow::onImportFinished);
    connect(m_session.get(), &TraceSession::sourcesChanged, this, [this]() {
        m_traceModel->setSources(m_session->openSources());
        if (m_traceModel->rowCount() > 0 && m_session->currentTraceRow() == 0)
            m_traceList->table()->selectRow(0);
    });
    connect(m_session.get(), &TraceSession::traceLoaded, this, &MainWindow::onTraceLoaded);
    connect(m_session.get(), &TraceSession::traceLoadFailed, this, [this](const QString& message) {
        m_status->setText(tr("Cannot open the trace: %1").arg(message));
    });
    connect(m_traceList, &TraceListView::traceActivated, this,
            [this](int64_t traceRow) { m_session->loadTrace(traceRow, AnalysisOptions{}); });
    connect(m_waterfall, &WaterfallView::spanSelected, this, &MainWindow::onSpanSelected);

    m_traceModel->setSources(m_session->openSources());
    m_status->setText(tr("Open a trace file (OTLP, Jaeger or Zipkin) with File → Open."));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Trace…"), this, &MainWindow::openFileDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &Workspace…"), this, &MainWindow::openWorkspaceDialog);
    file->addAction(tr("&Save Workspace As…"), this, &MainWindow::saveWorkspaceAsDialog)
        ->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Expand All"), m_waterfall, &WaterfallView::expandAll)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    view->addAction(tr("&Collapse All"), m_waterfall, &WaterfallView::collapseAll)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    view->addSeparator();
    view->addAction(tr("Zoom &In"), m_waterfall, &WaterfallView::zoomIn)->setShortcut(QKeySequence::ZoomIn);
    view->addAction(tr("Zoom &Out"), m_waterfall, &WaterfallView::zoomOut)
        ->setShortcut(QKeySequence::ZoomOut);
    view->addAction(tr("&Reset Zoom"), m_waterfall, &WaterfallView::resetZoom)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Spanscope"), this, &MainWindow::showAbout);
}

void MainWindow::openFiles(const QStringList& paths)
{
    if (!paths.isEmpty())
        m_session->importFiles(paths);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::openFileDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open Trace Files"), QString(),
        tr("Trace files (*.json *.jsonl *.ndjson *.pb *.binpb *.proto *.gz *.zst);;All files (*)"));
    openFiles(paths);
}

void MainWindow::openWorkspaceDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), QString(), tr("Spanscope workspaces (*.spanscope);;All files (*)"));
    if (path.isEmpty())
        return;
    auto workspace = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
    if (!workspace) {
        showError(tr("Cannot open the workspace"), QString::fromStdString(workspace.error()));
        return;
    }
    m_waterfall->setAnalysis(nullptr);
    m_details->clear();
    m_traceModel = new TraceListModel((*workspace)->db(), this); // the old model points at the old connection
    m_session->setWorkspace(std::move(*workspace));
    m_traceList->table()->setModel(m_traceModel);
    m_traceModel->setSources(m_session->openSources());
}

void MainWindow::saveWorkspaceAsDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"), QString(),
                                                tr("Spanscope workspaces (*.spanscope)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".spanscope")))
        path += QLatin1String(".spanscope");
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        m_status->setText(tr("Cannot replace %1").arg(path));
        return;
    }
    // What the window shows goes into the file, not the rest of the shared cache.
    const auto saved = m_session->workspace().saveAs(path.toStdString(), m_session->openSources());
    m_status->setText(saved ? tr("Workspace saved to %1").arg(path)
                            : tr("Cannot save the workspace: %1").arg(QString::fromStdString(saved.error())));
}

void MainWindow::onImportFinished(const ImportOutcome& outcome)
{
    m_progress->hide();
    m_cancel->hide();
    const QString name = QFileInfo(QString::fromStdString(outcome.path)).fileName();
    switch (outcome.status) {
    case ImportOutcome::Status::Cancelled:
        m_status->setText(tr("Import cancelled; nothing was kept."));
        return;
    case ImportOutcome::Status::Failed: {
        m_status->setText(tr("Cannot open %1").arg(name));
        showError(tr("Cannot open the file"), QString::fromStdString(outcome.error));
        return;
    }
    default:
        break;
    }
    QString text = tr("%1: %2, %n trace(s)", nullptr, int(outcome.traces))
                       .arg(name, QString::fromStdString(outcome.format));
    text += QStringLiteral(", ") + tr("%n span(s)", nullptr, int(outcome.spans));
    if (outcome.status == ImportOutcome::Status::Reused)
        text += QStringLiteral(" ") + tr("(already imported)");
    else
        text += QStringLiteral(" ") + tr("in %1 s").arg(outcome.seconds, 0, 'f', 2);
    if (outcome.warningCount > 0) {
        text += QStringLiteral(" · ") + tr("%n warning(s)", nullptr, int(outcome.warningCount));
        QStringList first;
        for (size_t i = 0; i < outcome.warnings.size() && i < 20; ++i)
            first << QString::fromStdString(outcome.warnings[i].text);
        m_status->setToolTip(first.join(QLatin1Char('\n')));
    }
    m_status->setText(text);
}

void MainWindow::onTraceLoaded(std::shared_ptr<const TraceAnalysis> analysis)
{
    m_analysis = analysis;
    m_waterfall->setAnalysis(analysis);
    m_details->clear();
    if (analysis && analysis->tree.isIncomplete()) {
        m_banner->setText(
            tr("This trace is incomplete: %n span(s) have missing parents and are shown as extra roots.",
               nullptr, int(analysis->tree.orphanCount)));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    if (analysis && analysis->data.size() > 0)
        m_waterfall->selectSpan(analysis->tree.preorder.front());
}

void MainWindow::onSpanSelected(uint32_t span)
{
    if (!m_analysis || span >= m_analysis->data.size())
        return;
    SpanDetailsReader reader(m_session->workspace().db());
    const auto details = reader.read(m_analysis->data.rowId[span]);
    if (details)
        m_details->showSpan(*details, *m_analysis, span);
    else
        m_details->clear();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    // Window-modal but not blocking: the session keeps delivering results meanwhile. The message
    // names a file and may quote it: plain text only.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Spanscope"),
        tr("Spanscope %1\nA native viewer for distributed traces: OTLP, Jaeger and Zipkin files, "
           "offline.")
            .arg(QStringLiteral(SPANSCOPE_VERSION)));
}

} // namespace spanscope
