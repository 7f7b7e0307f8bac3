// SPDX-License-Identifier: MIT
// The window opens trace files and shows them: rows in the trace list, rows in the waterfall,
// details of the selected span; the files of this window only, the cache one click away; a
// workspace saved and opened again; columns that read; light and dark.
#include "TestSupport.h"
#include "WindowDriver.h"
#include "app/AppearanceSetting.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "importers/ImportRunner.h"
#include "model/AttributeModel.h"
#include "model/TraceListModel.h"
#include "model/Workspace.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/TracePanel.h"
#include "views/ViewTheme.h"
#include "views/WaterfallMinimap.h"
#include "views/WaterfallView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QTableView>
#include <QTest>
#include <cmath>

using namespace spanscope;

namespace {

std::unique_ptr<TraceSession> sessionOn(const std::string& path)
{
    auto workspace = Workspace::open(path, Workspace::OpenMode::ExistingOnly);
    if (!workspace)
        qFatal("cannot open %s", path.c_str());
    return std::make_unique<TraceSession>(std::move(*workspace));
}

QString cell(QTableView* table, int row, int column)
{
    return table->model()->index(row, column).data().toString();
}

uint64_t loadedTraceLow(MainWindow& window)
{
    const TraceAnalysis* analysis = window.waterfall()->analysis();
    return analysis ? analysis->data.traceId.low : 0;
}

// Opens files the way File → Open does, and waits until the first of them is shown.
void openAndWait(MainWindow& window, const QStringList& paths)
{
    window.openFiles(paths);
    window.session().waitForIdle();
    QTRY_VERIFY_WITH_TIMEOUT(window.waterfall()->analysis() != nullptr, 20000);
    window.session().waitForIdle();
}

} // namespace

// What a runtime switch of the appearance must change in a window showing the checkout sample
// (40 rows, one error: a notice).
namespace window_appearance {

// Pixels of an image that have exactly one of these colours.
int pixelsOf(const QImage& image, std::initializer_list<QColor> colours)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            for (const QColor& colour : colours)
                count += (line[x] & 0xffffff) == (colour.rgb() & 0xffffff) ? 1 : 0;
        }
    }
    return count;
}

double luminance(const QColor& colour)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

// The waterfall's rows, as on screen now (the header above them left out).
QImage rowsOf(MainWindow& window)
{
    WaterfallView* view = window.waterfall();
    view->viewport()->repaint();
    const QImage all = view->viewport()->grab().toImage();
    const int top = view->metrics().headerHeight;
    return all.copy(0, top, all.width(), all.height() - top);
}

// The look is theme's everywhere, and none of other's background colours is left.
void expectLook(MainWindow& window, const ViewTheme& theme, const ViewTheme& other)
{
    QTRY_COMPARE(window.waterfall()->scene().theme, &theme); // palette changes are posted
    QApplication::processEvents();
    // The other look's row colours, but not white or black (the critical path's inks). Text edges
    // may blend into one of them here and there: the old look would cover the whole area.
    const QColor otherBackground =
        other.background == other.criticalPath || other.background == other.criticalPathOnDark
            ? other.alternateRow
            : other.background;
    const QImage rows = rowsOf(window);
    QVERIFY(pixelsOf(rows, {theme.background, theme.alternateRow}) > rows.width() * rows.height() / 4);
    const int few = rows.width() * rows.height() / 500;
    QVERIFY(pixelsOf(rows, {otherBackground, other.alternateRow}) < few);
    // A scroll shifts the cached picture: what it reuses must be in this look too.
    QScrollBar* scroll = window.waterfall()->verticalScrollBar();
    scroll->setValue(scroll->value() + 3 * window.waterfall()->metrics().rowHeight);
    const QImage scrolled = rowsOf(window);
    QVERIFY(pixelsOf(scrolled, {theme.alternateRow}) > 0);
    QVERIFY(pixelsOf(scrolled, {otherBackground, other.alternateRow}) < few);
    scroll->setValue(0);

    WaterfallMinimap* minimap = window.tracePanel()->minimap();
    minimap->repaint();
    const QImage map = minimap->grab().toImage();
    QVERIFY(pixelsOf(map, {theme.minimapBackground}) > 0);
    QCOMPARE(pixelsOf(map, {other.minimapBackground}), 0);

    // The notice: its banner in this look's amber, its text readable on it.
    QLabel* notice = window.tracePanel()->noticeLabel();
    QVERIFY(notice->isVisible());
    QVERIFY(window.tracePanel()->noticeText().contains(QStringLiteral("in error")));
    const QImage banner = notice->grab().toImage();
    QCOMPARE(banner.pixelColor(2, 2), theme.noticeBackground);
    QVERIFY(pixelsOf(banner, {theme.noticeBackground}) > banner.width() * banner.height() / 2);
    QCOMPARE(pixelsOf(banner, {other.noticeBackground}), 0);
    double best = 0; // the text's strongest pixels against the banner
    for (int y = 0; y < banner.height(); ++y)
        for (int x = 0; x < banner.width(); ++x)
            best = std::max(best, contrast(banner.pixelColor(x, y), theme.noticeBackground));
    QVERIFY2(best >= 7, qPrintable(QString::number(best)));
    QVERIFY(contrast(theme.noticeText, theme.noticeBackground) >= 7);
}

void check(std::unique_ptr<TraceSession> session)
{
    QSettings().setValue(AppearanceSetting::key(), QStringLiteral("dark"));
    MainWindow window(std::move(session));
    window.resize(1300, 800);
    window.show();
    openAndWait(window, {test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"))});
    QVERIFY(window.waterfall()->verticalScrollBar()->maximum() > 0); // rows enough to scroll
    expectLook(window, ViewTheme::dark(), ViewTheme::light());
    window.action(QStringLiteral("appearance-light"))->trigger();
    expectLook(window, ViewTheme::light(), ViewTheme::dark());
    window.action(QStringLiteral("appearance-dark"))->trigger();
    expectLook(window, ViewTheme::dark(), ViewTheme::light());
}

} // namespace window_appearance

class MainWindowTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        // Settings of this run only: the appearance and the limits the window saves.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void init() { QSettings().clear(); }

    void opensTheSampleAndShowsItsRows()
    {
        test::TemporaryWorkspace temporary;
        auto workspace = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
        QVERIFY(workspace);
        MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
        window.show();
        window.openFiles({test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"))});
        window.session().waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(window.waterfall()->analysis() != nullptr, 20000);

        // One trace in the list, named after its root.
        QAbstractItemModel* list = window.traceList()->table()->model();
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(list->index(0, TraceListModel::ServiceColumn).data().toString(),
                 QStringLiteral("api-gateway"));
        QCOMPARE(list->index(0, TraceListModel::OperationColumn).data().toString(),
                 QStringLiteral("POST /api/checkout"));
        QCOMPARE(list->index(0, TraceListModel::SpansColumn).data().toInt(), 40);

        // All 40 spans are rows of the waterfall, the root first and selected.
        QCOMPARE(window.waterfall()->rows().size(), size_t(40));
        const TraceAnalysis* analysis = window.waterfall()->analysis();
        const uint32_t root = window.waterfall()->rows().spans.front();
        QCOMPARE(std::string(analysis->data.strings.at(analysis->data.name[root])),
                 std::string("POST /api/checkout"));
        QCOMPARE(window.waterfall()->selectedSpan(), root);
        QVERIFY(window.details()->headerText().startsWith(QStringLiteral("api-gateway: POST /api/checkout")));
        QVERIFY(window.details()->attributeModel()->rowCount() >= 5);

        // Collapsing the root leaves one row; expanding all brings the 40 back.
        window.waterfall()->collapseAll();
        QCOMPARE(window.waterfall()->rows().size(), size_t(1));
        window.waterfall()->expandAll();
        QCOMPARE(window.waterfall()->rows().size(), size_t(40));
        QVERIFY(window.statusText().contains(QStringLiteral("40 span")));
    }

    void followingALinkOpensTheLinkedSpan()
    {
        test::TemporaryWorkspace temporary;
        auto workspace = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
        MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
        window.show();
        window.openFiles({test::sourcePath(QStringLiteral("tests/data/workspace/linked.otlp.json"))});
        window.session().waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(window.waterfall()->analysis() != nullptr, 20000);
        QCOMPARE(window.traceList()->table()->model()->rowCount(), 2);

        // Open the consumer's trace (the later one) and its span with the link.
        window.traceList()->table()->selectRow(1);
        window.session().waitForIdle();
        QTRY_COMPARE(window.waterfall()->analysis()->data.traceId.low, uint64_t(0xbbbbbbbbbbbbbbbbull));
        const TraceAnalysis* consumer = window.waterfall()->analysis();
        QCOMPARE(window.details()->headerText().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("consumer: handle batch"));

        // Follow the link: the producer's trace opens with the linked span selected.
        emit window.details()->linkActivated(QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                                             QStringLiteral("00000000000000a1"));
        window.session().waitForIdle();
        QTRY_VERIFY(window.waterfall()->analysis() != consumer);
        const TraceAnalysis* producer = window.waterfall()->analysis();
        QCOMPARE(producer->data.traceId.low, uint64_t(0xaaaaaaaaaaaaaaaaull));
        QCOMPARE(producer->data.spanId[window.waterfall()->selectedSpan()], uint64_t(0xa1));
        QVERIFY(window.details()->headerText().startsWith(QStringLiteral("producer: publish order")));

        // A link to a trace that is not loaded says so.
        emit window.details()->linkActivated(QStringLiteral("cccccccccccccccccccccccccccccccc"),
                                             QStringLiteral("0000000000000001"));
        QVERIFY(window.statusText().contains(QStringLiteral("not loaded")));
    }

    void aBadFileLeavesTheWindowUsable()
    {
        test::TemporaryWorkspace temporary;
        auto workspace = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
        MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
        window.show();
        const QString bad = temporary.directory.filePath(QStringLiteral("bad.json"));
        test::writeFile(bad, "{\"resourceSpans\": [");
        window.openFiles({bad});
        window.session().waitForIdle();
        QVERIFY(window.statusText().contains(QStringLiteral("bad.json")));
        QCOMPARE(window.traceList()->table()->model()->rowCount(), 0);
        // The error is in a (non-blocking) message box, with the file and the place.
        QMessageBox* box = nullptr;
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (auto* candidate = qobject_cast<QMessageBox*>(widget); candidate && candidate->isVisible())
                box = candidate;
        }
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("bad.json:1:")), qPrintable(box->text()));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        box->close();
    }

    // Item 1: Save Workspace As → Open Workspace, and the list still selects, filters, sorts and
    // counts (it used to keep the model of the closed workspace: nothing loaded, and ticking
    // Errors crashed inside SQLite).
    void openedWorkspaceKeepsTheTraceListWorking()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        openAndWait(window, {test::writeFileA(files), test::writeFileB(files)});
        QTableView* table = window.traceList()->table();
        QTRY_COMPARE(table->model()->rowCount(), 5);

        const QString saved = files.filePath(QStringLiteral("saved")); // ".spanscope" is added
        const QString savedFile = saved + QStringLiteral(".spanscope");
        MainWindow::FileDialogs dialogs;
        dialogs.saveWorkspace = [&](QWidget*) {
            return saved;
        };
        dialogs.openWorkspace = [&](QWidget*) {
            return savedFile;
        };
        window.setFileDialogs(dialogs);
        window.action(QStringLiteral("saveWorkspace"))->trigger();
        QVERIFY2(QFileInfo::exists(savedFile), qPrintable(window.statusText()));
        window.action(QStringLiteral("openWorkspace"))->trigger();
        window.session().waitForIdle();
        QCOMPARE(QString::fromStdString(window.session().workspace().path()), savedFile);
        QVERIFY(window.windowTitle().contains(QStringLiteral("saved.spanscope")));

        // The list is the new workspace's, and it is the view's own model.
        auto* model = qobject_cast<TraceListModel*>(table->model());
        QVERIFY(model);
        QCOMPARE(model, window.traceList()->model());
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model->rowCount(), 5);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("5 trace(s)"));
        window.session().waitForIdle();

        // A click on a row loads that trace.
        test::clickCell(table, 2, TraceListModel::OperationColumn);
        QCOMPARE(cell(table, 2, TraceListModel::OperationColumn), QStringLiteral("GET /mid"));
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(3));

        // Typing into the filter filters, and the count follows.
        QTest::keyClicks(window.traceList()->filterEdit(), QStringLiteral("bravo"));
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("2 trace(s)"));
        // Errors (a real click on the box): none of bravo's traces failed.
        QCheckBox* errors = window.traceList()->errorsOnlyBox();
        QTest::mouseClick(errors, Qt::LeftButton, {}, errors->rect().center());
        QVERIFY(errors->isChecked());
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("0 trace(s)"));
        window.traceList()->filterEdit()->clear();
        QTRY_COMPARE(model->rowCount(), 2); // alpha's two failing traces

        // Sorting by a header click, then a click on the first row.
        test::clickHeader(table, TraceListModel::ErrorsColumn);
        QCOMPARE(cell(table, 0, TraceListModel::ErrorsColumn), QStringLiteral("2"));
        test::clickCell(table, 1, TraceListModel::OperationColumn);
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(2));
        QVERIFY(window.details()->headerText().startsWith(QStringLiteral("alpha: GET /long")));
    }

    // Item 10: the cache's earlier imports are not listed; Open Recent brings one back without
    // reading the file again, and selects its first trace.
    void startsWithNoTracesAndReopensRecentFilesFromTheCache()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        const QString alpha = test::writeFileA(files);
        // An earlier session imported alpha into this workspace.
        const ImportOutcome earlier = importFile(*temporary.workspace, alpha.toStdString(), ImportOptions{});
        QVERIFY(earlier.succeeded());
        const int64_t importedAt = temporary.workspace->db().queryInt("SELECT imported_at_ms FROM sources");

        MainWindow window(sessionOn(temporary.path));
        window.show();
        QSignalSpy imports(&window.session(), &TraceSession::importStarted);
        QCOMPARE(window.traceList()->table()->model()->rowCount(), 0);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("0 trace(s)"));
        QVERIFY(window.statusText().contains(QStringLiteral("Open Recent")));

        // File → Open Recent lists it, with its trace count.
        QMenu* recent = window.recentMenu();
        emit recent->aboutToShow();
        QAction* entry = recent->findChild<QAction*>(QStringLiteral("recent-%1").arg(earlier.sourceId));
        QVERIFY(entry);
        QVERIFY2(entry->text().startsWith(QStringLiteral("alpha.otlp.json — 3 trace(s)")),
                 qPrintable(entry->text()));
        // Another file of the same name: each entry says which folder it is in.
        QVERIFY(files.mkdir(QStringLiteral("other")));
        const QString other = test::writeFileB(QDir(files.filePath(QStringLiteral("other"))));
        const QString sameName = files.filePath(QStringLiteral("other/alpha.otlp.json"));
        QVERIFY(QFile::rename(other, sameName));
        QVERIFY(
            importFile(window.session().workspace(), sameName.toStdString(), ImportOptions{}).succeeded());
        emit recent->aboutToShow();
        QCOMPARE(recent->actions().size(), 2);
        entry = recent->findChild<QAction*>(QStringLiteral("recent-%1").arg(earlier.sourceId)); // a new entry
        QVERIFY(entry);
        QVERIFY2(entry->text().startsWith(QStringLiteral("alpha.otlp.json (") + files.path() +
                                          QStringLiteral(") — ")),
                 qPrintable(entry->text()));
        entry->trigger();
        window.session().waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(window.waterfall()->analysis() != nullptr, 20000);

        QCOMPARE(window.traceList()->table()->model()->rowCount(), 3);
        QCOMPARE(loadedTraceLow(window), uint64_t(1)); // its first trace, selected
        QCOMPARE(window.traceList()->table()->currentIndex().row(), 0);
        // From the cache: nothing was imported or parsed again.
        QCOMPARE(imports.count(), 0);
        QCOMPARE(window.session().workspace().db().queryInt("SELECT count(*) FROM sources"), int64_t(2));
        const std::string importedAtNow =
            "SELECT imported_at_ms FROM sources WHERE id = " + std::to_string(earlier.sourceId);
        QCOMPARE(window.session().workspace().db().queryInt(importedAtNow.c_str()), importedAt);
        QVERIFY(window.statusText().contains(QStringLiteral("from the cache")));
        // It is open now, so Open Recent no longer offers it.
        emit recent->aboutToShow();
        QVERIFY(!recent->findChild<QAction*>(QStringLiteral("recent-%1").arg(earlier.sourceId)));
    }

    // Item 10: a newly opened file's first trace is selected and shown, with its file's name.
    void openingAFileSelectsItsFirstTrace()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        openAndWait(window, {test::writeFileA(files)});
        QTableView* table = window.traceList()->table();
        QCOMPARE(loadedTraceLow(window), uint64_t(1));
        test::clickCell(table, 2, TraceListModel::ServiceColumn);
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(3));

        window.openFiles({test::writeFileB(files)});
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(0xbbbbbbbbbbbbbb01ull));
        QCOMPARE(table->model()->rowCount(), 5);
        const int selected = table->currentIndex().row();
        QCOMPARE(selected, 3);
        QVERIFY(table->selectionModel()->isRowSelected(selected, {}));
        QCOMPARE(cell(table, selected, TraceListModel::FileColumn), QStringLiteral("bravo.otlp.json"));
        QCOMPARE(cell(table, 0, TraceListModel::FileColumn), QStringLiteral("alpha.otlp.json"));
        QVERIFY(test::tooltipText(
                    table->model()->index(selected, TraceListModel::FileColumn).data(Qt::ToolTipRole))
                    .endsWith(QStringLiteral("/bravo.otlp.json")));

        // Sorting keeps the open trace selected, and does not load it again.
        QSignalSpy loads(&window.session(), &TraceSession::traceLoaded);
        test::clickHeader(table, TraceListModel::DurationColumn);
        window.session().waitForIdle();
        QCOMPARE(cell(table, table->currentIndex().row(), TraceListModel::OperationColumn),
                 QStringLiteral("POST /orders"));
        QCOMPARE(loads.count(), 0);
    }

    // Item 10: File → Close File and the list's context menu close a file; the rest stays.
    void closingFilesLeavesTheOthers()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        openAndWait(window, {test::writeFileA(files), test::writeFileB(files)});
        QTableView* table = window.traceList()->table();
        QTRY_COMPARE(table->model()->rowCount(), 5);
        test::clickCell(table, 4, TraceListModel::OperationColumn);
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(0xbbbbbbbbbbbbbb02ull));
        QCOMPARE(window.action(QStringLiteral("closeFile"))->text(),
                 QStringLiteral("&Close “bravo.otlp.json”"));

        // Right-click on an alpha trace → Close File “alpha.otlp.json”: bravo's stay, still open.
        QMenu* menu = test::openContextMenu(table, 0, TraceListModel::OperationColumn);
        QVERIFY(menu);
        QAction* close = menu->findChild<QAction*>(QStringLiteral("closeFile"));
        QVERIFY(close);
        QCOMPARE(close->text(), QStringLiteral("&Close File “alpha.otlp.json”"));
        QVERIFY(test::clickMenuEntry(menu, QStringLiteral("closeFile")));
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("2 trace(s)"));
        QCOMPARE(loadedTraceLow(window), uint64_t(0xbbbbbbbbbbbbbb02ull));
        QCOMPARE(cell(table, table->currentIndex().row(), TraceListModel::OperationColumn),
                 QStringLiteral("GET /orders/{orderId}/line-items"));

        // File → Close File (Ctrl+W) closes the open trace's file: nothing is left.
        QTest::keySequence(&window, QKeySequence::Close);
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(window.waterfall()->analysis() == nullptr);
        QCOMPARE(window.details()->headerText().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("No span selected"));
        QVERIFY(!window.action(QStringLiteral("closeFile"))->isEnabled());
        QVERIFY(!window.action(QStringLiteral("saveWorkspace"))->isEnabled());

        // Both are a click away; reopening one opens its first trace.
        QMenu* recent = window.recentMenu();
        emit recent->aboutToShow();
        QStringList offered;
        for (QAction* entry : recent->actions())
            offered << entry->text().section(QStringLiteral(" — "), 0, 0);
        QCOMPARE(offered,
                 (QStringList{QStringLiteral("bravo.otlp.json"), QStringLiteral("alpha.otlp.json")}));
        recent->actions().at(1)->trigger();
        window.session().waitForIdle();
        QTRY_COMPARE(loadedTraceLow(window), uint64_t(1));
        QCOMPARE(table->model()->rowCount(), 3);
    }

    // Item 11: columns sized to what they show on first fill; the first click on a number column
    // sorts the largest first.
    void columnsFitTheirContentAndNumbersSortLargestFirst()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        openAndWait(window, {test::writeFileA(files)});
        QTableView* table = window.traceList()->table();
        const QFontMetrics metrics = table->fontMetrics();
        for (int column = 0; column < TraceListModel::ColumnCount; ++column) {
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QString text = cell(table, row, column);
                QVERIFY2(table->columnWidth(column) > metrics.horizontalAdvance(text),
                         qPrintable(QStringLiteral("column %1 is %2 px, \"%3\" needs %4")
                                        .arg(column)
                                        .arg(table->columnWidth(column))
                                        .arg(text)
                                        .arg(metrics.horizontalAdvance(text))));
            }
        }

        const auto firstClickPutsFirst = [&](int column, const QString& operation) {
            test::clickHeader(table, column);
            QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), column);
            QCOMPARE(cell(table, 0, TraceListModel::OperationColumn), operation);
        };
        firstClickPutsFirst(TraceListModel::DurationColumn, QStringLiteral("GET /long")); // 1.50 s
        QCOMPARE(cell(table, 0, TraceListModel::DurationColumn), QStringLiteral("1.50 s"));
        test::clickHeader(table, TraceListModel::DurationColumn); // the second click: shortest first
        QCOMPARE(cell(table, 0, TraceListModel::OperationColumn), QStringLiteral("GET /short"));
        firstClickPutsFirst(TraceListModel::SpansColumn, QStringLiteral("GET /long"));     // 3 spans
        firstClickPutsFirst(TraceListModel::ErrorsColumn, QStringLiteral("GET /mid"));     // 2 errors
        firstClickPutsFirst(TraceListModel::OperationColumn, QStringLiteral("GET /long")); // text: A to Z

        // More rows: a width the user chose stays, the others widen to what the new rows show.
        table->setColumnWidth(TraceListModel::StartColumn, 333);
        window.openFiles({test::writeFileB(files)});
        window.session().waitForIdle();
        QTRY_COMPARE(table->model()->rowCount(), 5);
        QCOMPARE(table->columnWidth(TraceListModel::StartColumn), 333);
        const QString longest = QStringLiteral("GET /orders/{orderId}/line-items");
        QVERIFY(table->columnWidth(TraceListModel::OperationColumn) > metrics.horizontalAdvance(longest));
    }

    // Item 11: the trace list's context menu: copy the trace id, filter by the service.
    void traceListContextMenuCopiesAndFilters()
    {
        test::TemporaryWorkspace temporary;
        const QDir files(temporary.directory.path());
        MainWindow window(sessionOn(temporary.path));
        window.show();
        openAndWait(window, {test::writeFileA(files), test::writeFileB(files)});
        QTableView* table = window.traceList()->table();
        QTRY_COMPARE(table->model()->rowCount(), 5);

        QApplication::clipboard()->clear();
        QMenu* menu = test::openContextMenu(table, 3, TraceListModel::ServiceColumn);
        QVERIFY(menu);
        QVERIFY(test::clickMenuEntry(menu, QStringLiteral("copyTraceId")));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb01"));

        menu = test::openContextMenu(table, 3, TraceListModel::ServiceColumn);
        QVERIFY(menu);
        QAction* filter = menu->findChild<QAction*>(QStringLiteral("filterByService"));
        QVERIFY(filter);
        QCOMPARE(filter->text(), QStringLiteral("&Filter by Service “bravo”"));
        QVERIFY(test::clickMenuEntry(menu, QStringLiteral("filterByService")));
        QCOMPARE(window.traceList()->filterEdit()->text(), QStringLiteral("bravo"));
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(window.traceList()->countText(), QStringLiteral("2 trace(s)"));
    }

    // View → Appearance: saved, applied at start and when changed, widgets and waterfall alike.
    void appearanceIsSavedAndApplied()
    {
        test::TemporaryWorkspace temporary;
        QSettings().setValue(AppearanceSetting::key(), QStringLiteral("dark"));
        {
            MainWindow window(sessionOn(temporary.path));
            window.show();
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
            QVERIFY(window.action(QStringLiteral("appearance-dark"))->isChecked());
            QTRY_COMPARE(window.waterfall()->scene().theme, &ViewTheme::dark()); // palette changes are posted

            window.action(QStringLiteral("appearance-light"))->trigger();
            QCOMPARE(QSettings().value(AppearanceSetting::key()).toString(), QStringLiteral("light"));
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
            QTRY_COMPARE(window.waterfall()->scene().theme, &ViewTheme::light());
            QVERIFY(window.action(QStringLiteral("appearance-light"))->isChecked());
            QVERIFY(!window.action(QStringLiteral("appearance-dark"))->isChecked());

            window.action(QStringLiteral("appearance-dark"))->trigger();
            QCOMPARE(QSettings().value(AppearanceSetting::key()).toString(), QStringLiteral("dark"));
            QTRY_COMPARE(window.waterfall()->scene().theme, &ViewTheme::dark()); // palette changes are posted
        }
        {
            // The next window starts dark, its waterfall too; Follow System gives the platform's
            // style back.
            MainWindow window(sessionOn(temporary.path));
            window.show();
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
            openAndWait(window, {test::writeFileA(QDir(temporary.directory.path()))});
            const QImage waterfall = window.waterfall()->viewport()->grab().toImage();
            QCOMPARE(waterfall.pixelColor(waterfall.width() - 3, waterfall.height() - 3),
                     ViewTheme::dark().background);
            // The details' notes (amber) stay readable on the dark background.
            const auto amberLabels = [&](const QColor& amber) {
                int count = 0;
                for (QLabel* label : window.details()->findChildren<QLabel*>())
                    count += label->palette().color(QPalette::WindowText) == amber;
                return count;
            };
            QTRY_COMPARE(amberLabels(QColor(0xd29922)), 1);
            window.action(QStringLiteral("appearance-light"))->trigger();
            QTRY_COMPARE(amberLabels(QColor(0x9a6700)), 1);
            window.action(QStringLiteral("appearance-system"))->trigger();
            QCOMPARE(QSettings().value(AppearanceSetting::key()).toString(), QStringLiteral("system"));
            QCOMPARE(QApplication::palette().color(QPalette::Window),
                     QApplication::style()->standardPalette().color(QPalette::Window));
            QVERIFY(window.action(QStringLiteral("appearance-system"))->isChecked());
        }
        {
            // Switched while the window runs, with a trace on screen: the waterfall's cached rows,
            // a scroll after the switch, the minimap and the trace's notice all take the new look,
            // with nothing left in the old one.
            window_appearance::check(sessionOn(temporary.path));
        }
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
