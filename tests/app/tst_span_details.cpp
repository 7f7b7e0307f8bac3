// SPDX-License-Identifier: MIT
// The span details in the window: attributes sorted by their typed values, long values readable
// (tooltips in lines, a full-value viewer), links with their own columns, and context menus that
// copy keys and values, all driven by real mouse and key events.
#include "TestSupport.h"
#include "WindowDriver.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "model/AttributeModel.h"
#include "model/EventModel.h"
#include "model/LinkModel.h"
#include "model/Workspace.h"
#include "views/DetailTable.h"
#include "views/FullValueDialog.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/WaterfallView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace spanscope;

namespace {

const QString kStackTrace = QStringLiteral("java.lang.IllegalStateException: boom\n\tat "
                                           "com.example.Cart.checkout(Cart.java:42)\n\tat "
                                           "com.example.Api.handle(Api.java:7)");

QStringList column(QAbstractItemView* table, int column)
{
    QStringList values;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        values << table->model()->index(row, column).data().toString();
    return values;
}

int rowOfKey(QAbstractItemView* table, const QString& key)
{
    return int(column(table, AttributeModel::KeyColumn).indexOf(key));
}

// The newest full-value viewer the window opened, and only one since the last call.
FullValueDialog* takeViewer(QWidget& window)
{
    const auto viewers = window.findChildren<FullValueDialog*>();
    if (viewers.size() != 1)
        return nullptr;
    return viewers.front();
}

void closeViewers(QWidget& window)
{
    for (FullValueDialog* viewer : window.findChildren<FullValueDialog*>())
        delete viewer;
}

} // namespace

class SpanDetailsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TemporaryWorkspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;

    SpanDetailsView* details() const { return m_window->details(); }

private slots:
    void init()
    {
        // The first trace of the file, its root selected: the span with the typed attributes.
        m_workspace = std::make_unique<test::TemporaryWorkspace>();
        auto workspace = Workspace::open(m_workspace->path, Workspace::OpenMode::ExistingOnly);
        QVERIFY(workspace);
        m_window = std::make_unique<MainWindow>(std::make_unique<TraceSession>(std::move(*workspace)));
        m_window->show();
        m_window->openFiles({test::writeFileA(QDir(m_workspace->directory.path()))});
        m_window->session().waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->waterfall()->analysis() != nullptr, 20000);
        QTRY_VERIFY(details()->headerText().startsWith(QStringLiteral("alpha: GET /short")));
    }

    void cleanup()
    {
        m_window.reset();
        m_workspace.reset();
    }

    void valuesSortNumbersAsNumbersAndTextAsText()
    {
        QAbstractItemModelTester tester(details()->attributeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        DetailTable* table = details()->attributeTable();
        QAbstractItemModelTester proxyTester(table->model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        // File order until the user sorts.
        QCOMPARE(column(table, AttributeModel::KeyColumn).front(), QStringLiteral("count"));

        // First click on Value: numbers (ints and doubles together, exactly, 2^53 + 1 after 2^53),
        // then text case-insensitively, then booleans.
        test::clickHeader(table, AttributeModel::ValueColumn);
        const QStringList ascending{QStringLiteral("negative"),   QStringLiteral("small"),
                                    QStringLiteral("ratio"),      QStringLiteral("count"),
                                    QStringLiteral("big.double"), QStringLiteral("big"),
                                    QStringLiteral("text10"),     QStringLiteral("Alpha"),
                                    QStringLiteral("name"),       QStringLiteral("exception.stacktrace"),
                                    QStringLiteral("off"),        QStringLiteral("flag")};
        QCOMPARE(column(table, AttributeModel::KeyColumn), ascending);
        test::clickHeader(table, AttributeModel::ValueColumn);
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(column(table, AttributeModel::KeyColumn), descending);

        // Keys: text, case-insensitive.
        test::clickHeader(table, AttributeModel::KeyColumn);
        QCOMPARE(column(table, AttributeModel::KeyColumn),
                 (QStringList{QStringLiteral("Alpha"), QStringLiteral("big"), QStringLiteral("big.double"),
                              QStringLiteral("count"), QStringLiteral("exception.stacktrace"),
                              QStringLiteral("flag"), QStringLiteral("name"), QStringLiteral("negative"),
                              QStringLiteral("off"), QStringLiteral("ratio"), QStringLiteral("small"),
                              QStringLiteral("text10")}));
        // Types: by type name, then by value within a type.
        test::clickHeader(table, AttributeModel::TypeColumn);
        QCOMPARE(column(table, AttributeModel::KeyColumn).mid(0, 4),
                 (QStringList{QStringLiteral("off"), QStringLiteral("flag"), QStringLiteral("ratio"),
                              QStringLiteral("big.double")}));
    }

    void longValuesShowInLinesAndInFull()
    {
        DetailTable* table = details()->attributeTable();
        const int row = rowOfKey(table, QStringLiteral("exception.stacktrace"));
        QVERIFY(row >= 0);
        const QModelIndex value = table->model()->index(row, AttributeModel::ValueColumn);
        // The cell: one line, breaks pictured. The tooltip: in lines, still plain text.
        QVERIFY(value.data().toString().contains(QChar(0x240A)));
        const QString tooltip = test::tooltipText(value.data(Qt::ToolTipRole));
        QCOMPARE(tooltip, kStackTrace);
        QVERIFY(!tooltip.contains(QChar(0x240A)));

        // Double-click: the viewer with the whole value, read-only, monospace, copyable.
        test::doubleClickCell(table, row, AttributeModel::ValueColumn);
        FullValueDialog* viewer = takeViewer(*m_window);
        QVERIFY(viewer);
        QVERIFY(viewer->isVisible());
        QCOMPARE(viewer->editor()->toPlainText(), kStackTrace);
        QVERIFY(viewer->editor()->isReadOnly());
        QCOMPARE(viewer->editor()->font(), QFontDatabase::systemFont(QFontDatabase::FixedFont));
        QVERIFY(viewer->windowTitle().startsWith(QStringLiteral("exception.stacktrace")));
        viewer->editor()->selectAll();
        QVERIFY(viewer->editor()->textCursor().hasSelection());
        QApplication::clipboard()->clear();
        auto* copyAll = viewer->findChild<QPushButton*>(QStringLiteral("copyAll"));
        QVERIFY(copyAll);
        QTest::mouseClick(copyAll, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), kStackTrace);
        closeViewers(*m_window);

        // The context menu's Show Full Value opens the same viewer.
        QMenu* menu = test::openContextMenu(table, row, AttributeModel::KeyColumn);
        QVERIFY(menu);
        QVERIFY(test::clickMenuEntry(menu, QStringLiteral("showFullValue")));
        viewer = takeViewer(*m_window);
        QVERIFY(viewer);
        QCOMPARE(viewer->editor()->toPlainText(), kStackTrace);
        closeViewers(*m_window);
    }

    void attributeContextMenuCopiesKeyAndValue()
    {
        DetailTable* table = details()->attributeTable();
        const int row = rowOfKey(table, QStringLiteral("count"));
        const auto copied = [&](const QString& entry) {
            QApplication::clipboard()->clear();
            QMenu* menu = test::openContextMenu(table, row, AttributeModel::ValueColumn);
            if (!menu || !test::clickMenuEntry(menu, entry))
                return QStringLiteral("(no menu entry %1)").arg(entry);
            return QApplication::clipboard()->text();
        };
        QCOMPARE(copied(QStringLiteral("copyKey")), QStringLiteral("count"));
        QCOMPARE(copied(QStringLiteral("copyValue")), QStringLiteral("10"));
        QCOMPARE(copied(QStringLiteral("copyKeyValue")), QStringLiteral("count=10"));
        // The right-click selected the row: Ctrl+C copies it, tab-separated.
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QApplication::clipboard()->clear();
        QTest::keySequence(table, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("count\t10\tint"));
        // The stack trace's value is copied whole, line breaks and all.
        const int trace = rowOfKey(table, QStringLiteral("exception.stacktrace"));
        QMenu* menu = test::openContextMenu(table, trace, AttributeModel::ValueColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copyValue")));
        QCOMPARE(QApplication::clipboard()->text(), kStackTrace);
    }

    void eventsCopyAndShowTheirAttributes()
    {
        details()->tabs()->setCurrentIndex(2);
        DetailTable* table = details()->eventTable();
        QAbstractItemModelTester tester(details()->eventModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 1);
        const QString attributes =
            QStringLiteral("exception.type=IllegalStateException\nexception.stacktrace=line one\nline two");
        QCOMPARE(
            test::tooltipText(table->model()->index(0, EventModel::AttributesColumn).data(Qt::ToolTipRole)),
            attributes);
        QMenu* menu = test::openContextMenu(table, 0, EventModel::NameColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copyKey")));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("exception"));
        menu = test::openContextMenu(table, 0, EventModel::NameColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copyValue")));
        QCOMPARE(QApplication::clipboard()->text(), attributes);

        test::doubleClickCell(table, 0, EventModel::AttributesColumn);
        FullValueDialog* viewer = takeViewer(*m_window);
        QVERIFY(viewer);
        QCOMPARE(viewer->editor()->toPlainText(), attributes);
        closeViewers(*m_window);
    }

    void linksHaveTheirOwnColumnsAndMenu()
    {
        details()->tabs()->setCurrentIndex(3);
        DetailTable* table = details()->linkTable();
        QAbstractItemModelTester tester(details()->linkModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList headers;
        for (int section = 0; section < table->model()->columnCount(); ++section)
            headers << table->model()->headerData(section, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("Trace ID"), QStringLiteral("Span ID"),
                                       QStringLiteral("Type"), QStringLiteral("Attributes")}));
        const QString traceId = QString::fromLatin1(test::traceIdOf(2));
        QCOMPARE(table->model()->index(0, LinkModel::TraceIdColumn).data().toString(), traceId);
        QCOMPARE(table->model()->index(0, LinkModel::SpanIdColumn).data().toString(),
                 QStringLiteral("0000000000000021"));
        QCOMPARE(table->model()->index(0, LinkModel::TypeColumn).data().toString(), QStringLiteral("link"));
        QCOMPARE(table->model()->index(0, LinkModel::AttributesColumn).data().toString(),
                 QStringLiteral("link.reason=retry"));

        QMenu* menu = test::openContextMenu(table, 0, LinkModel::SpanIdColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copyTraceId")));
        QCOMPARE(QApplication::clipboard()->text(), traceId);
        menu = test::openContextMenu(table, 0, LinkModel::SpanIdColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copySpanId")));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("0000000000000021"));
        menu = test::openContextMenu(table, 0, LinkModel::SpanIdColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("copyKeyValue")));
        QCOMPARE(QApplication::clipboard()->text(),
                 traceId + QStringLiteral("/0000000000000021=link.reason=retry"));

        // Go to Linked Span: the linked trace opens with that span selected.
        menu = test::openContextMenu(table, 0, LinkModel::SpanIdColumn);
        QVERIFY(menu && test::clickMenuEntry(menu, QStringLiteral("goToLinkedSpan")));
        m_window->session().waitForIdle();
        QTRY_COMPARE(m_window->waterfall()->analysis()->data.traceId.low, uint64_t(2));
        const TraceAnalysis* linked = m_window->waterfall()->analysis();
        QCOMPARE(linked->data.spanId[m_window->waterfall()->selectedSpan()], uint64_t(0x21));
        QCOMPARE(m_window->traceList()->currentTrace(), m_window->session().currentTraceRow());
    }
};

QTEST_MAIN(SpanDetailsTest)
#include "tst_span_details.moc"
