// SPDX-License-Identifier: MIT
// The window opens a trace file and shows it: rows in the trace list, rows in the waterfall,
// details of the selected span.
#include "TestSupport.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "model/AttributeModel.h"
#include "model/TraceListModel.h"
#include "model/Workspace.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/WaterfallView.h"

#include <QApplication>
#include <QMessageBox>
#include <QTableView>
#include <QTest>

using namespace spanscope;

class MainWindowTest : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
