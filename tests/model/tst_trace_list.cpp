// SPDX-License-Identifier: MIT
// The trace list's model and reader for a window with several files: only the window's files,
// a file column, a trace far down the list reached in one read, the first trace of a file, a
// first click that sorts numbers largest first; and the recent files of a workspace.
#include "TestSupport.h"
#include "model/SourceListReader.h"
#include "model/TraceListModel.h"
#include "model/WorkspaceWriter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace spanscope;

namespace {

// One file of `count` one-span traces; trace t starts at t seconds (plus `offset`) and lasts t µs.
int64_t writeFile(Workspace& workspace, const std::string& path, uint64_t count, uint64_t traceHigh,
                  int64_t offset = 0)
{
    WorkspaceWriter writer(workspace, FileIdentity{path, int64_t(count), 1});
    const ResourceRef resource = writer.addResource(ResourceRecord{"svc", {}, 0});
    for (uint64_t t = 1; t <= count; ++t) {
        SpanRecord span;
        span.traceId = TraceId{traceHigh, t};
        span.spanId = t;
        span.name = "op";
        span.resource = resource;
        span.startNs = offset + int64_t(t) * 1'000'000'000;
        span.endNs = span.startNs + int64_t(t) * 1000;
        writer.addSpan(span);
    }
    return writer.commit(1, "test", "");
}

} // namespace

class TraceListTest : public QObject
{
    Q_OBJECT

private slots:
    void listsNothingWithoutSources()
    {
        // The shared cache holds earlier sessions' files: a window with none open lists none.
        test::TemporaryWorkspace temporary;
        writeFile(*temporary.workspace, "/earlier.json", 20, 1);
        TraceListModel model(temporary.workspace->db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.refresh();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), int64_t(0));
        model.setFilter(QStringLiteral("op"));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.firstTraceOf(1), int64_t(0));
    }

    void showsEachTracesFile()
    {
        test::TemporaryWorkspace temporary;
        const int64_t a = writeFile(*temporary.workspace, "/data/run/alpha.json", 2, 1);
        const int64_t b = writeFile(*temporary.workspace, "/data/run/bravo.json", 2, 2, 100'000'000'000);
        TraceListModel model(temporary.workspace->db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources({a, b});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.headerData(TraceListModel::FileColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("File"));
        QCOMPARE(model.index(0, TraceListModel::FileColumn).data().toString(), QStringLiteral("alpha.json"));
        QCOMPARE(model.index(3, TraceListModel::FileColumn).data().toString(), QStringLiteral("bravo.json"));
        QCOMPARE(model.index(3, TraceListModel::FileColumn).data(TraceListModel::SourceRole).toLongLong(), b);
        QVERIFY(model.index(3, TraceListModel::FileColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("/data/run/bravo.json")));
        model.sort(TraceListModel::FileColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, TraceListModel::FileColumn).data().toString(), QStringLiteral("bravo.json"));
        // Closing a file is listing the others.
        model.setSources({b});
        QCOMPARE(model.rowCount(), 2);
    }

    void reachesATraceFarDownInOneRead()
    {
        test::TemporaryWorkspace temporary;
        const int64_t a = writeFile(*temporary.workspace, "/a.json", 1200, 1);
        const int64_t b = writeFile(*temporary.workspace, "/b.json", 3, 2, 10'000'000'000'000);
        // Without the tester: it fetches every page itself when the model resets.
        TraceListModel model(temporary.workspace->db());
        model.setSources({a, b});
        QCOMPARE(model.rowCount(), TraceListModel::kPageSize);

        // b's first trace (in start order) is row 1200, far past the first page.
        const int64_t first = model.firstTraceOf(b);
        QVERIFY(first != 0);
        QCOMPARE(model.rowOfTrace(first), -1);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.fetchRowOfTrace(first), 1200);
        QCOMPARE(inserted.count(), 1); // one read, not page after page
        QCOMPARE(model.summary(1200)->traceRow, first);
        QCOMPARE(model.summary(1200)->sourceId, b);

        // In another order and filter, position() agrees with what list() returns.
        model.sort(TraceListModel::DurationColumn, Qt::DescendingOrder);
        TraceListReader reader(temporary.workspace->db());
        TraceQuery query = model.query();
        const auto all = reader.list(query);
        QCOMPARE(all.size(), size_t(1203));
        for (size_t i : {size_t(0), size_t(1), size_t(499), size_t(500), size_t(1202)})
            QCOMPARE(reader.position(query, all[i].traceRow), int64_t(i));
        const auto firstOfB = std::find_if(all.begin(), all.end(),
                                           [&](const TraceSummary& trace) { return trace.sourceId == b; });
        QCOMPARE(model.firstTraceOf(b), firstOfB->traceRow); // b's longest, 3 µs, after a's 3 µs (row id)
        QCOMPARE(firstOfB - all.begin(), 1198);
        query.sources = {b};
        QCOMPARE(reader.position(query, all[0].traceRow), int64_t(-1)); // not listed
    }

    void traceIdsSortByBothHalves()
    {
        test::TemporaryWorkspace temporary;
        const int64_t low = writeFile(*temporary.workspace, "/low.json", 2, 1);
        const int64_t high = writeFile(*temporary.workspace, "/high.json", 2, 2);
        TraceListModel model(temporary.workspace->db());
        model.setSources({low, high});
        model.sort(TraceListModel::TraceIdColumn, Qt::DescendingOrder);
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.index(row, TraceListModel::TraceIdColumn).data().toString();
        QCOMPARE(ids, (QStringList{QStringLiteral("00000000000000020000000000000002"),
                                   QStringLiteral("00000000000000020000000000000001"),
                                   QStringLiteral("00000000000000010000000000000002"),
                                   QStringLiteral("00000000000000010000000000000001")}));
    }

    void numberColumnsSortLargestFirstOnTheFirstClick()
    {
        test::TemporaryWorkspace temporary;
        TraceListModel model(temporary.workspace->db());
        const auto initial = [&](int column) {
            return Qt::SortOrder(model.headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole).toInt());
        };
        for (int column : {TraceListModel::DurationColumn, TraceListModel::SpansColumn,
                           TraceListModel::ServicesColumn, TraceListModel::ErrorsColumn})
            QCOMPARE(initial(column), Qt::DescendingOrder);
        for (int column :
             {TraceListModel::StartColumn, TraceListModel::ServiceColumn, TraceListModel::OperationColumn,
              TraceListModel::FileColumn, TraceListModel::TraceIdColumn})
            QCOMPARE(initial(column), Qt::AscendingOrder);
    }

    void recentSourcesComeMostRecentFirst()
    {
        test::TemporaryWorkspace temporary;
        const int64_t a = writeFile(*temporary.workspace, "/a.json", 1, 1);
        const int64_t b = writeFile(*temporary.workspace, "/b.json", 2, 2);
        const int64_t c = writeFile(*temporary.workspace, "/c.json", 3, 3);
        temporary.workspace->db().exec(
            ("UPDATE sources SET last_opened_ms = 100 WHERE id = " + std::to_string(b)).c_str());
        temporary.workspace->db().exec(
            ("UPDATE sources SET last_opened_ms = 50 WHERE id = " + std::to_string(a)).c_str());
        temporary.workspace->db().exec(
            ("UPDATE sources SET last_opened_ms = 10 WHERE id = " + std::to_string(c)).c_str());
        SourceListReader reader(temporary.workspace->db());
        const auto recent = reader.recent(10, {a});
        QCOMPARE(recent.size(), size_t(2));
        QCOMPARE(recent[0].id, b);
        QCOMPARE(recent[0].path, std::string("/b.json"));
        QCOMPARE(recent[0].traceCount, int64_t(2));
        QCOMPARE(recent[1].id, c);
        QCOMPARE(reader.recent(1).front().id, b);
        QVERIFY(reader.find(c));
        QVERIFY(!reader.find(c + 100));
    }
};

QTEST_GUILESS_MAIN(TraceListTest)
#include "tst_trace_list.moc"
