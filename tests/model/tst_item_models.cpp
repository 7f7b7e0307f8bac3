// SPDX-License-Identifier: MIT
// The Qt item models over the workspace, checked by QAbstractItemModelTester while they sort,
// filter, page and reset, and checked for the rows a user sees.
#include "TestSupport.h"
#include "model/AttributeCodec.h"
#include "model/AttributeModel.h"
#include "model/EventModel.h"
#include "model/TraceListModel.h"
#include "model/WorkspaceWriter.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace spanscope;

namespace {

// Traces of 1..4 spans: services alternate, every tenth trace has an error.
int64_t writeManyTraces(Workspace& workspace, uint64_t count)
{
    WorkspaceWriter writer(workspace, FileIdentity{"/many" + std::to_string(count) + ".json", 1, 1});
    const ResourceRef alpha = writer.addResource(ResourceRecord{"alpha", {}, 0});
    const ResourceRef beta = writer.addResource(ResourceRecord{"beta", {}, 0});
    for (uint64_t t = 1; t <= count; ++t) {
        SpanRecord span;
        span.traceId = TraceId{0, t};
        const uint64_t spans = 1 + t % 4;
        for (uint64_t s = 1; s <= spans; ++s) {
            span.spanId = t * 10 + s;
            span.parentSpanId = s == 1 ? 0 : t * 10 + 1;
            span.name = s == 1 ? (t % 2 ? "GET /odd" : "GET /even") : "work";
            span.resource = t % 2 ? alpha : beta;
            span.startNs = int64_t(t) * 1'000'000'000 + int64_t(s);
            span.endNs = span.startNs + int64_t(t) * 1000 + int64_t(spans - s);
            span.flags = (t % 10 == 0 && s == 1) ? uint32_t(SpanFlag::Error) : 0u;
            writer.addSpan(span);
        }
    }
    return writer.commit(1, "test", "");
}

} // namespace

class ItemModelsTest : public QObject
{
    Q_OBJECT

private slots:
    void traceListPages()
    {
        // Without the tester: it fetches every page itself when the model resets.
        test::TemporaryWorkspace temporary;
        const int64_t source = writeManyTraces(*temporary.workspace, 1200);
        TraceListModel model(temporary.workspace->db());
        model.setSources({source});
        QCOMPARE(model.totalCount(), int64_t(1200));
        QCOMPARE(model.rowCount(), TraceListModel::kPageSize);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 1200);
        QVERIFY(!model.canFetchMore({}));
        // Sorting queries again from the first page.
        model.sort(TraceListModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), TraceListModel::kPageSize);
        QCOMPARE(model.data(model.index(0, TraceListModel::TraceIdColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("000000000000000000000000000004b0"));
        QCOMPARE(model.rowOfTrace(model.summary(7)->traceRow), 7);
    }

    void traceListSortsAndFilters()
    {
        test::TemporaryWorkspace temporary;
        const int64_t source = writeManyTraces(*temporary.workspace, 300);
        TraceListModel model(temporary.workspace->db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources({source});
        QCOMPARE(model.rowCount(), 300);

        // Longest first: trace 300 (0x12c), one span of 300 µs.
        model.sort(TraceListModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(model.data(model.index(0, TraceListModel::TraceIdColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("0000000000000000000000000000012c"));
        QCOMPARE(model.data(model.index(0, TraceListModel::SpansColumn), Qt::DisplayRole).toInt(), 1);
        model.sort(TraceListModel::SpansColumn, Qt::DescendingOrder);
        QCOMPARE(model.data(model.index(0, TraceListModel::SpansColumn), Qt::DisplayRole).toInt(), 4);
        model.sort(TraceListModel::ServiceColumn, Qt::AscendingOrder);
        QCOMPARE(model.data(model.index(0, TraceListModel::ServiceColumn), Qt::DisplayRole).toString(),
                 QStringLiteral("alpha"));

        model.setFilter(QStringLiteral("beta"));
        QCOMPARE(model.totalCount(), int64_t(150));
        QCOMPARE(model.rowCount(), 150);
        model.setFilter(QStringLiteral("/ODD"));
        QCOMPARE(model.totalCount(), int64_t(150)); // case-insensitive
        model.setFilter(QStringLiteral("00000000000000000000000000000003"));
        QCOMPARE(model.totalCount(), int64_t(1));
        model.setFilter(QStringLiteral("%"));
        QCOMPARE(model.totalCount(), int64_t(0)); // a wildcard character is matched literally
        model.setFilter(QString());
        model.setErrorsOnly(true);
        QCOMPARE(model.totalCount(), int64_t(30));
        QCOMPARE(model.data(model.index(0, TraceListModel::ErrorsColumn), Qt::DisplayRole).toInt(), 1);
        QCOMPARE(model.headerData(TraceListModel::DurationColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Duration"));
    }

    void attributeModelShowsTypedValuesSafely()
    {
        AttributeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AttributeEncoder encoder;
        encoder.addInt("http.response.status_code", 503);
        encoder.addString("note", "<b>bold</b>\n\x1b[31mred");
        encoder.addDouble("ratio", 2.5);
        model.setAttributes(encoder.data(), {{QStringLiteral("status"), QStringLiteral("ERROR")}});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, AttributeModel::KeyColumn).data().toString(), QStringLiteral("status"));
        QCOMPARE(model.index(1, AttributeModel::ValueColumn).data().toString(), QStringLiteral("503"));
        QCOMPARE(model.index(1, AttributeModel::TypeColumn).data().toString(), QStringLiteral("int"));
        QCOMPARE(model.index(1, AttributeModel::ValueColumn).data(AttributeModel::SortRole).toDouble(),
                 503.0);
        // Control characters become visible pictures; markup stays literal text.
        const QString shown = model.index(2, AttributeModel::ValueColumn).data().toString();
        QCOMPARE(shown, QStringLiteral("<b>bold</b>\u240A\u241B[31mred"));
        QCOMPARE(model.index(2, AttributeModel::ValueColumn).data(AttributeModel::FullTextRole).toString(),
                 QStringLiteral("<b>bold</b>\n\x1b[31mred"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void eventModelShowsTimesFromTheSpanStart()
    {
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AttributeEncoder encoder;
        encoder.addString("exception.type", "Timeout");
        std::vector<SpanEvent> events{
            {1'000'000'000 + 2'500'000, "exception", std::string(encoder.data()), 0},
            {1'000'000'000 + 10'000'000, "done", {}, 0}};
        model.setEvents(events, 1'000'000'000);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, EventModel::TimeColumn).data().toString(), QStringLiteral("2.50 ms"));
        QCOMPARE(model.index(0, EventModel::NameColumn).data().toString(), QStringLiteral("exception"));
        QCOMPARE(model.index(0, EventModel::AttributesColumn).data().toString(),
                 QStringLiteral("exception.type=Timeout"));
        QCOMPARE(model.index(1, EventModel::TimeColumn).data().toString(), QStringLiteral("10.0 ms"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(ItemModelsTest)
#include "tst_item_models.moc"
