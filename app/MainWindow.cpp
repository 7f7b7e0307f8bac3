// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include "AppearanceSetting.h"
#include "LimitsDialog.h"
#include "model/SpanDetails.h"
#include "model/TextFormat.h"
#include "model/TraceListModel.h"
#include "views/ServiceFilterMenu.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/TracePanel.h"
#include "views/WaterfallView.h"
#include "views/common/TraceViewState.h"
#include "views/common/TraceViewSwitcher.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <utility>

namespace spanscope {

MainWindow::MainWindow(std::unique_ptr<TraceSession> session, QWidget* parent)
    : QMainWindow(parent), m_session(std::move(session)), m_traceList(new TraceListView(this)),
      m_panel(new TracePanel(this)), m_details(new SpanDetailsView(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    // The saved appearance, before anything is shown (the command line's --theme may override it).
    ViewTheme::applyToApplication(AppearanceSetting::load());
    setWindowTitle(tr("Spanscope"));
    resize(1500, 920);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_panel);
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_traceList);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({600, 900});
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
    connect(m_session.get(), &TraceSession::workspaceChanged, this, &MainWindow::onWorkspaceChanged);
    connect(m_session.get(), &TraceSession::sourcesChanged, this, &MainWindow::onSourcesChanged);
    connect(m_session.get(), &TraceSession::sourceOpened, this, &MainWindow::onSourceOpened);
    connect(m_session.get(), &TraceSession::traceClosed, this, &MainWindow::onTraceClosed);
    connect(m_session.get(), &TraceSession::traceLoaded, this, &MainWindow::onTraceLoaded);
    connect(m_session.get(), &TraceSession::traceLoadFailed, this, [this](const QString& message) {
        m_status->setText(tr("Cannot open the trace: %1").arg(message));
    });
    connect(m_session.get(), &TraceSession::searchFinished, m_panel, &TracePanel::showSearchResult);
    connect(m_panel, &TracePanel::searchRequested, this,
            [this](const SearchQuery& query) { m_session->search(analysis(), query); });
    connect(m_traceList, &TraceListView::traceActivated, this, &MainWindow::loadTrace);
    connect(m_traceList, &TraceListView::closeFileRequested, m_session.get(), &TraceSession::closeSource);
    // The details follow the trace area's selection, whichever view made it.
    connect(m_panel->state(), &TraceViewState::selectionChanged, this, &MainWindow::onSpanSelected);
    connect(m_details, &SpanDetailsView::linkActivated, this, &MainWindow::followLink);

    onWorkspaceChanged(); // the list's first model, on the session's workspace
    onSourcesChanged();
    m_status->setText(
        m_session->recentSources(1).empty()
            ? tr("Open a trace file (OTLP, Jaeger or Zipkin) with File → Open.")
            : tr("Open a trace file (OTLP, Jaeger or Zipkin) with File → Open, or an earlier one "
                 "with File → Open Recent."));
}

MainWindow::~MainWindow() = default;

WaterfallView* MainWindow::waterfall() const
{
    return m_panel->waterfall();
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

void MainWindow::createActions()
{
    const auto add = [this](QMenu* menu, const QString& name, const QString& text,
                            const QKeySequence& shortcut, auto&& slot) {
        QAction* action = menu->addAction(text);
        action->setObjectName(name);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    WaterfallView* view = waterfall();

    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, QStringLiteral("open"), tr("&Open Trace…"), QKeySequence::Open, [this] { openFileDialog(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    add(file, QStringLiteral("openWorkspace"), tr("Open &Workspace…"), {}, [this] { openWorkspaceDialog(); });
    add(file, QStringLiteral("saveWorkspace"), tr("&Save Workspace As…"), QKeySequence::SaveAs,
        [this] { saveWorkspaceAsDialog(); });
    file->addSeparator();
    add(file, QStringLiteral("closeFile"), tr("&Close File"), QKeySequence::Close,
        [this] { closeCurrentFile(); });
    add(file, QStringLiteral("closeAllFiles"), tr("Close &All Files"), {},
        [this] { m_session->closeAllSources(); });
    file->addSeparator();
    add(file, QStringLiteral("importLimits"), tr("Import &Limits…"), {}, [this] {
        LimitsDialog dialog(this);
        dialog.exec();
    });
    file->addSeparator();
    add(file, QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit,
        [] { QApplication::closeAllWindows(); });

    // Find is the trace area's, whichever view is current: its actions, in the window's menu.
    QMenu* find = menuBar()->addMenu(tr("F&ind"));
    find->addActions(m_panel->findActions());

    QMenu* tree = menuBar()->addMenu(tr("&Tree"));
    add(tree, QStringLiteral("expandAll"), tr("&Expand All"), QKeySequence(Qt::CTRL | Qt::Key_E),
        [view] { view->expandAll(); });
    add(tree, QStringLiteral("collapseAll"), tr("&Collapse All"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [view] { view->collapseAll(); });
    add(tree, QStringLiteral("expandSubtree"), tr("Expand &Subtree"), QKeySequence(Qt::CTRL | Qt::Key_Right),
        [view] { view->expandSelectedSubtree(); });
    add(tree, QStringLiteral("collapseSubtree"), tr("Collapse S&ubtree"),
        QKeySequence(Qt::CTRL | Qt::Key_Left), [view] { view->collapseSelectedSubtree(); });
    QMenu* depth = tree->addMenu(tr("Collapse to &Depth"));
    for (int level = 1; level <= 6; ++level) {
        add(depth, QStringLiteral("depth%1").arg(level), tr("Level %1").arg(level),
            QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + level)),
            [view, level] { view->collapseToDepth(level); });
    }

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    add(viewMenu, QStringLiteral("zoomIn"), tr("Zoom &In"), QKeySequence::ZoomIn, [view] { view->zoomIn(); });
    add(viewMenu, QStringLiteral("zoomOut"), tr("Zoom &Out"), QKeySequence::ZoomOut,
        [view] { view->zoomOut(); });
    add(viewMenu, QStringLiteral("resetZoom"), tr("&Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0),
        [view] { view->resetZoom(); });
    add(viewMenu, QStringLiteral("zoomToSpan"), tr("Zoom to &Span"), QKeySequence(Qt::Key_Z),
        [view] { view->zoomToSelection(); });
    viewMenu->addSeparator();
    QAction* critical = add(viewMenu, QStringLiteral("criticalPath"), tr("Show &Critical Path"), {},
                            [this](bool on) { waterfall()->setShowCriticalPath(on); });
    critical->setCheckable(true);
    critical->setChecked(true);
    m_clockSkew = add(viewMenu, QStringLiteral("clockSkew"), tr("Adjust Clock &Skew"), {},
                      [this] { reloadWithOptions(); });
    m_clockSkew->setCheckable(true);
    m_clockSkew->setToolTip(
        tr("Shift spans of hosts whose clocks disagree so children fit in their parents"));
    QMenu* colour = viewMenu->addMenu(tr("Colour &Bars By"));
    auto* colours = new QActionGroup(this);
    QAction* byService = add(colour, QStringLiteral("colourByService"), tr("&Service"), {},
                             [this] { waterfall()->setColouring(BarColouring::ByService); });
    QAction* bySelf = add(colour, QStringLiteral("colourBySelfTime"), tr("Self &Time"), {},
                          [this] { waterfall()->setColouring(BarColouring::BySelfTime); });
    for (QAction* option : {byService, bySelf}) {
        option->setCheckable(true);
        colours->addAction(option);
    }
    byService->setChecked(true);
    QMenu* services = viewMenu->addMenu(tr("&Services"));
    services->setObjectName(QStringLiteral("serviceMenu"));
    new ServiceFilterMenu(services, m_panel->state(), this);
    viewMenu->addSeparator();
    createAppearanceMenu(viewMenu);
    // The trace area's views at the top (Waterfall Ctrl+1, …), as they are added.
    m_panel->switcher()->attachToMenu(viewMenu);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, QStringLiteral("about"), tr("&About Spanscope"), {}, [this] { showAbout(); });
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::onImportFinished(const ImportOutcome& outcome)
{
    m_progress->hide();
    m_cancel->hide();
    const QString name = QFileInfo(QString::fromStdString(outcome.path)).fileName();
    if (!outcome.succeeded() && !m_session->hasPendingImports() && m_selectNextOpened) {
        // No file of the batch opened: nothing new to select, the list keeps its own choice.
        m_selectNextOpened = false;
        onSourcesChanged();
    }
    switch (outcome.status) {
    case ImportOutcome::Status::Cancelled:
        m_status->setText(tr("Import cancelled; nothing was kept."));
        return;
    case ImportOutcome::Status::Failed:
        m_status->setText(tr("Cannot open %1").arg(name));
        showError(tr("Cannot open the file"), QString::fromStdString(outcome.error));
        return;
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
            first << TextFormat::untrusted(outcome.warnings[i].text, 300);
        m_status->setToolTip(TextFormat::toolTip(first.join(QLatin1Char('\n'))));
    }
    m_status->setText(text);
}

void MainWindow::onTraceLoaded(const LoadedTrace& trace)
{
    m_panel->setTrace(trace.analysis, trace.events);
    m_details->clear();
    if (!analysis() || analysis()->data.size() == 0)
        return;
    // After a link or an options change: the span asked for, brought into view; else the first
    // root.
    TraceViewState* state = m_panel->state();
    const uint64_t wanted = std::exchange(m_selectAfterLoad, 0);
    for (uint32_t i = 0; wanted != 0 && i < analysis()->data.size(); ++i) {
        if (analysis()->data.spanId[i] == wanted) {
            state->revealSpan(i);
            return;
        }
    }
    state->selectSpan(analysis()->tree.preorder.front());
}

const std::shared_ptr<const TraceAnalysis>& MainWindow::analysis() const
{
    return m_panel->state()->sharedAnalysis();
}

void MainWindow::onSpanSelected(uint32_t span)
{
    if (!analysis() || span >= analysis()->data.size()) {
        m_details->clear();
        return;
    }
    SpanDetailsReader reader(m_session->workspace().db());
    const auto details = reader.read(analysis()->data.rowId[span]);
    if (details)
        m_details->showSpan(*details, *analysis(), span);
    else
        m_details->clear();
}

void MainWindow::followLink(const QString& traceId, const QString& spanId)
{
    const auto trace = parseHex128(traceId.toStdString());
    const auto span = parseHex64(spanId.toStdString());
    if (!trace || !span)
        return;
    if (analysis() && analysis()->data.traceId == *trace) {
        for (uint32_t i = 0; i < analysis()->data.size(); ++i) {
            if (analysis()->data.spanId[i] == *span) {
                m_panel->state()->revealSpan(i);
                return;
            }
        }
    }
    const int64_t row = m_session->findTrace(*trace);
    if (row == 0) {
        m_status->setText(tr("The linked trace %1 is not loaded; open the file that holds it.").arg(traceId));
        return;
    }
    m_selectAfterLoad = *span;
    m_traceList->selectTrace(row); // opens it, unless the filter hides it from the list
    if (m_session->currentTraceRow() != row)
        loadTrace(row);
}

void MainWindow::loadTrace(int64_t traceRow)
{
    AnalysisOptions options;
    options.adjustClockSkew = m_clockSkew->isChecked();
    m_session->loadTrace(traceRow, options);
    updateFileActions();
}

void MainWindow::reloadWithOptions()
{
    if (m_session->currentTraceRow() == 0)
        return;
    const uint32_t selected = m_panel->state()->selectedSpan();
    if (analysis() && selected < analysis()->data.size())
        m_selectAfterLoad = analysis()->data.spanId[selected];
    loadTrace(m_session->currentTraceRow());
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

void MainWindow::createAppearanceMenu(QMenu* viewMenu)
{
    QMenu* menu = viewMenu->addMenu(tr("&Appearance"));
    menu->setObjectName(QStringLiteral("appearanceMenu"));
    auto* group = new QActionGroup(this);
    const std::optional<Appearance> saved = AppearanceSetting::load();
    const std::pair<std::optional<Appearance>, QString> choices[] = {{std::nullopt, tr("Follow &System")},
                                                                     {Appearance::Light, tr("&Light")},
                                                                     {Appearance::Dark, tr("&Dark")}};
    for (const auto& [appearance, text] : choices) {
        QAction* choice = menu->addAction(text);
        choice->setObjectName(QStringLiteral("appearance-") + AppearanceSetting::name(appearance));
        choice->setCheckable(true);
        choice->setChecked(appearance == saved);
        group->addAction(choice);
        connect(choice, &QAction::triggered, this,
                [this, appearance = appearance] { setAppearance(appearance); });
    }
}

void MainWindow::setAppearance(std::optional<Appearance> appearance)
{
    AppearanceSetting::save(appearance);
    ViewTheme::applyToApplication(appearance);
    if (QAction* choice = action(QStringLiteral("appearance-") + AppearanceSetting::name(appearance)))
        choice->setChecked(true);
}

void MainWindow::showAbout()
{
    QMessageBox box(QMessageBox::Information, tr("About Spanscope"),
                    tr("Spanscope %1\nA native viewer for distributed traces: OTLP, Jaeger and Zipkin files, "
                       "offline.")
                        .arg(QStringLiteral(SPANSCOPE_VERSION)),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace spanscope
