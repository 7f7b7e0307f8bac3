// SPDX-License-Identifier: MIT
// The trace area in the window: the span details follow the shared selection whoever made it, the
// views switch with Ctrl+1 / Ctrl+2 and their View menu entries and the last one comes back in the
// next window, the command line's span limit holds for every file the window opens, and a
// right-to-left window opens the first trace like any other.
#include "TestSupport.h"
#include "WindowDriver.h"
#include "app/LimitsDialog.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "importers/ImportRunner.h"
#include "model/Workspace.h"
#include "tests/views/SpanListTestView.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/TracePanel.h"
#include "views/WaterfallView.h"
#include "views/common/TraceViewState.h"
#include "views/common/TraceViewSwitcher.h"

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTest>

using namespace spanscope;

namespace {

std::unique_ptr<TraceSession> sessionOn(const std::string& path)
{
    auto workspace = Workspace::open(path, Workspace::OpenMode::ExistingOnly);
    if (!workspace)
        qFatal("cannot open %s", path.c_str());
    return std::make_unique<TraceSession>(std::move(*workspace));
}

bool openAndWait(MainWindow& window, const QStringList& paths)
{
    window.openFiles(paths);
    window.session().waitForIdle();
    const bool loaded = QTest::qWaitFor([&] { return window.waterfall()->analysis() != nullptr; }, 20000);
    window.session().waitForIdle();
    return loaded;
}

QString firstLine(const QString& text)
{
    return text.section(QLatin1Char('\n'), 0, 0);
}

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

uint32_t spanNamed(const TraceAnalysis& analysis, const char* service, const char* name)
{
    const TraceData& data = analysis.data;
    for (uint32_t i = 0; i < data.size(); ++i) {
        if (data.strings.at(data.service[i]) == service && data.strings.at(data.name[i]) == name)
            return i;
    }
    qFatal("no span %s %s", service, name);
}

// The second view as the flame chart will join: one call.
test::SpanListTestView* addListView(MainWindow& window)
{
    auto* list = new test::SpanListTestView(window.tracePanel()->state());
    window.tracePanel()->switcher()->addView(QStringLiteral("list"), QStringLiteral("Span List"), list);
    return list;
}

// Restores the left-to-right layout however the test ends.
struct RightToLeft
{
    RightToLeft() { QApplication::setLayoutDirection(Qt::RightToLeft); }
    ~RightToLeft() { QApplication::setLayoutDirection(Qt::LeftToRight); }
};

} // namespace

class TraceAreaWindowTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void init() { QSettings().clear(); }

    void theDetailsFollowTheSharedSelection()
    {
        test::TemporaryWorkspace temporary;
        MainWindow window(sessionOn(temporary.path));
        window.show();
        QVERIFY(openAndWait(window, {sample()}));
        const TraceAnalysis& analysis = *window.waterfall()->analysis();
        QCOMPARE(firstLine(window.details()->headerText()),
                 QStringLiteral("api-gateway: POST /api/checkout"));

        // A click on a row of the waterfall: the state and the details follow.
        WaterfallView* view = window.waterfall();
        const uint32_t cart = spanNamed(analysis, "cart-service", "GET /cart/{id}");
        const QRect area = view->viewport()->rect();
        const int64_t row = view->rows().rowOf(analysis.tree, cart);
        const QPoint point(300, view->metrics().rowTop(area, view->scene(), size_t(row)) + 5);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, point);
        QCOMPARE(window.tracePanel()->state()->selectedSpan(), cart);
        QCOMPARE(firstLine(window.details()->headerText()), QStringLiteral("cart-service: GET /cart/{id}"));

        // Selected through the state, as the flame chart will: the details and the waterfall.
        const uint32_t scorer = spanNamed(analysis, "ml-scorer", "model.predict");
        window.tracePanel()->state()->selectSpan(scorer);
        QCOMPARE(firstLine(window.details()->headerText()), QStringLiteral("ml-scorer: model.predict"));
        QCOMPARE(view->selectedSpan(), scorer);
        window.tracePanel()->state()->selectSpan(TraceViewState::kNoSpan);
        QCOMPARE(firstLine(window.details()->headerText()), QStringLiteral("No span selected"));
    }

    void controlDigitsAndTheViewMenuSwitchViews()
    {
        test::TemporaryWorkspace temporary;
        {
            MainWindow window(sessionOn(temporary.path));
            test::SpanListTestView* list = addListView(window);
            window.show();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QVERIFY(openAndWait(window, {sample()}));
            QSignalSpy loads(&window.session(), &TraceSession::traceLoaded);
            TraceViewSwitcher* switcher = window.tracePanel()->switcher();

            // The View menu starts with the views, with their shortcuts.
            QAction* waterfallEntry = window.action(QStringLiteral("view-waterfall"));
            QAction* listEntry = window.action(QStringLiteral("view-list"));
            QVERIFY(waterfallEntry && listEntry);
            QMenu* viewMenu = nullptr;
            for (QAction* menu : window.menuBar()->actions()) {
                if (menu->text() == QStringLiteral("&View"))
                    viewMenu = menu->menu();
            }
            QVERIFY(viewMenu);
            QCOMPARE(viewMenu->actions().at(0), waterfallEntry);
            QCOMPARE(viewMenu->actions().at(1), listEntry);
            QVERIFY(viewMenu->actions().at(2)->isSeparator());
            QCOMPARE(listEntry->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));

            // Ctrl+2 from the trace list: the list view, with the selection it shares.
            window.traceList()->table()->setFocus();
            QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_2));
            QCOMPARE(switcher->currentViewId(), QStringLiteral("list"));
            QVERIFY(list->isVisible());
            QVERIFY(window.tracePanel()->switcher()->tabBar()->isVisible());
            QCOMPARE(list->currentRow(), list->lineOf(window.waterfall()->selectedSpan()));
            // A click in it: the details follow.
            const uint32_t scorer = spanNamed(*window.waterfall()->analysis(), "ml-scorer", "model.predict");
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->lineCentre(scorer));
            QCOMPARE(firstLine(window.details()->headerText()), QStringLiteral("ml-scorer: model.predict"));
            QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_1));
            QCOMPARE(switcher->currentViewId(), QStringLiteral("waterfall"));
            QCOMPARE(window.waterfall()->selectedSpan(), scorer);
            listEntry->trigger();
            QCOMPARE(switcher->currentViewId(), QStringLiteral("list"));
            QCOMPARE(loads.count(), 0); // switching loads nothing
        }
        {
            // The next window shows the list view again.
            MainWindow window(sessionOn(temporary.path));
            addListView(window);
            window.show();
            QCOMPARE(window.tracePanel()->switcher()->currentViewId(), QStringLiteral("list"));
            QVERIFY(window.action(QStringLiteral("view-list"))->isChecked());
        }
    }

    void theCommandLineSpanLimitHoldsForTheWholeRun()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        const QString alpha = test::writeFileA(files); // 6 spans
        const QString bravo = test::writeFileB(files); // 2 spans
        // An earlier whole import of alpha, and File → Import Limits allowing much more.
        QVERIFY(importFile(*temporary.workspace, alpha.toStdString(), ImportOptions{}).succeeded());
        ImportLimits generous = LimitsDialog::load();
        generous.maxSpansPerFile = 1000;
        LimitsDialog::save(generous);

        MainWindow window(sessionOn(temporary.path));
        window.setCommandLineImport(true, 1); // spanscope --max-spans 1 alpha.otlp.json
        window.show();
        QVERIFY(openAndWait(window, {alpha}));
        sql::Database& db = window.session().workspace().db();
        const auto spansOf = [&](const char* file) {
            return db.queryInt(
                (std::string("SELECT span_count FROM sources WHERE path LIKE '%/") + file + "'").c_str());
        };
        QCOMPARE(spansOf("alpha.otlp.json"), int64_t(1)); // imported again, cut: not the cached import
        // A file opened later (File → Open) keeps the run's limit, not the dialog's.
        window.openFiles({bravo});
        window.session().waitForIdle();
        QTRY_COMPARE(window.session().openSources().size(), size_t(2));
        QCOMPARE(spansOf("bravo.otlp.json"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), int64_t(2));
    }

    void aRightToLeftWindowOpensTheFirstTrace()
    {
        const RightToLeft reversed; // as with Qt's -reverse
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        QVERIFY(window.isRightToLeft());
        QVERIFY(openAndWait(window, {test::writeFileA(files)}));
        QCOMPARE(window.waterfall()->analysis()->data.traceId.low, uint64_t(1));
        QCOMPARE(window.traceList()->table()->currentIndex().row(), 0);
        QCOMPARE(firstLine(window.details()->headerText()), QStringLiteral("alpha: GET /short"));
        // Another file: its first trace, as left to right.
        QVERIFY(openAndWait(window, {test::writeFileB(files)}));
        QTRY_COMPARE(window.waterfall()->analysis()->data.traceId.low, uint64_t(0xbbbbbbbbbbbbbb01ull));
    }
};

QTEST_MAIN(TraceAreaWindowTest)
#include "tst_trace_area_window.moc"
