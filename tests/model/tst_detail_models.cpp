// SPDX-License-Identifier: MIT
// The models behind the span details: attributes sorted by their typed values (through
// AttributeSortProxy), events and links with whole values for copying and the full-value viewer,
// tooltips in lines; all under QAbstractItemModelTester.
#include "model/AttributeCodec.h"
#include "model/AttributeModel.h"
#include "model/AttributeSortProxy.h"
#include "model/DetailRoles.h"
#include "model/EventModel.h"
#include "model/LinkModel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <cmath>
#include <limits>

using namespace spanscope;

namespace {

// The text of a tooltip made by TextFormat::toolTip (escaped HTML in a pre-wrap paragraph); no
// QtGui here to render it.
QString shownTooltip(const QVariant& tooltip)
{
    QString text = tooltip.toString();
    const QString open = QStringLiteral("<p style='white-space:pre-wrap'>");
    if (!text.startsWith(open) || !text.endsWith(QStringLiteral("</p>")))
        return QStringLiteral("(not a plain-text tooltip: %1)").arg(text);
    text = text.mid(open.size(), text.size() - open.size() - 4);
    return text.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
}

QStringList keys(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, AttributeModel::KeyColumn).data().toString();
    return out;
}

} // namespace

class DetailModelsTest : public QObject
{
    Q_OBJECT

private slots:
    void valuesSortByType()
    {
        AttributeEncoder encoder;
        encoder.addString("s.b", "b");
        encoder.addInt("i.10", 10);
        encoder.addDouble("d.nan", std::numeric_limits<double>::quiet_NaN());
        encoder.addBool("b.true", true);
        encoder.addInt("i.9", 9);
        encoder.addString("s.B", "B");
        encoder.addDouble("d.9.5", 9.5);
        encoder.addInt("i.max", std::numeric_limits<int64_t>::max());
        encoder.addDouble("d.2^63", 9223372036854775808.0);
        encoder.addBool("b.false", false);
        encoder.addString("s.10", "10");
        encoder.addBytes("bytes", "\x01\x02");
        encoder.addInt("i.-1", -1);
        encoder.addInt("i.9 again", 9);
        AttributeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAttributes(encoder.data(), {{QStringLiteral("status"), QStringLiteral("ERROR")}});
        AttributeSortProxy proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);

        proxy.sort(AttributeModel::ValueColumn, Qt::AscendingOrder);
        // Numbers (exact across ints and doubles, NaN last, equal values in file order), text
        // case-insensitively (the leading "status" row is text), booleans, bytes.
        const QStringList ascending{
            QStringLiteral("i.-1"),    QStringLiteral("i.9"),    QStringLiteral("i.9 again"),
            QStringLiteral("d.9.5"),   QStringLiteral("i.10"),   QStringLiteral("i.max"),
            QStringLiteral("d.2^63"),  QStringLiteral("d.nan"),  QStringLiteral("s.10"),
            QStringLiteral("s.B"),     QStringLiteral("s.b"),    QStringLiteral("status"),
            QStringLiteral("b.false"), QStringLiteral("b.true"), QStringLiteral("bytes")};
        QCOMPARE(keys(proxy), ascending);
        proxy.sort(AttributeModel::ValueColumn, Qt::DescendingOrder);
        QCOMPARE(keys(proxy).front(), QStringLiteral("bytes"));
        QCOMPARE(keys(proxy).back(), QStringLiteral("i.-1"));
        // Column -1: the file's order again.
        proxy.sort(-1);
        QCOMPARE(keys(proxy).mid(0, 3),
                 (QStringList{QStringLiteral("status"), QStringLiteral("s.b"), QStringLiteral("i.10")}));

        QVERIFY(model.compare(1, 1, AttributeModel::ValueColumn) == 0);
        QCOMPARE(
            model.headerData(AttributeModel::ValueColumn, Qt::Horizontal, Qt::InitialSortOrderRole).toInt(),
            int(Qt::AscendingOrder));
    }

    void attributeRowsHaveKeyAndWholeValue()
    {
        AttributeEncoder encoder;
        const std::string trace = "Error: boom\n    at f (a.js:1:2)\n    at g (b.js:3:4)";
        encoder.addString("exception.stacktrace", trace);
        AttributeModel model;
        model.setAttributes(encoder.data());
        const QModelIndex value = model.index(0, AttributeModel::ValueColumn);
        QCOMPARE(value.data(DetailRole::RowKey).toString(), QStringLiteral("exception.stacktrace"));
        QCOMPARE(value.data(DetailRole::RowValue).toString(), QString::fromStdString(trace));
        QCOMPARE(model.index(0, AttributeModel::KeyColumn).data(DetailRole::RowValue).toString(),
                 QString::fromStdString(trace));
        QCOMPARE(shownTooltip(value.data(Qt::ToolTipRole)), QString::fromStdString(trace));
        // The tooltip stops after 40 lines; the viewer shows the rest.
        std::string tall;
        for (int i = 0; i < 100; ++i)
            tall += "line " + std::to_string(i) + "\n";
        AttributeEncoder tallEncoder;
        tallEncoder.addString("tall", tall);
        model.setAttributes(tallEncoder.data());
        const QString shown = shownTooltip(model.index(0, AttributeModel::ValueColumn).data(Qt::ToolTipRole));
        QCOMPARE(shown.count(QLatin1Char('\n')), 40);
        QVERIFY(shown.endsWith(QChar(0x2026)));
    }

    void eventRowsCarryTheirAttributesWhole()
    {
        AttributeEncoder encoder;
        encoder.addString("exception.type", "Timeout");
        encoder.addString("exception.stacktrace", "at a\nat b");
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEvents(
            {{1'000'500, "exception", std::string(encoder.data()), 0}, {1'000'900, "done", {}, 0}},
            1'000'000);
        const QModelIndex attributes = model.index(0, EventModel::AttributesColumn);
        QCOMPARE(attributes.data().toString(),
                 QStringLiteral("exception.type=Timeout, exception.stacktrace=at a\u240Aat b"));
        const QString lines = QStringLiteral("exception.type=Timeout\nexception.stacktrace=at a\nat b");
        QCOMPARE(attributes.data(DetailRole::FullText).toString(), lines);
        QCOMPARE(shownTooltip(attributes.data(Qt::ToolTipRole)), lines);
        QCOMPARE(model.index(0, EventModel::TimeColumn).data(DetailRole::RowKey).toString(),
                 QStringLiteral("exception"));
        QCOMPARE(model.index(0, EventModel::TimeColumn).data(DetailRole::RowValue).toString(), lines);
        QCOMPARE(model.index(1, EventModel::NameColumn).data(DetailRole::RowValue).toString(), QString());
        QCOMPARE(model.index(0, EventModel::TimeColumn).data(EventModel::TimeNsRole).toLongLong(),
                 qint64(1'000'500));
    }

    void linksHaveTheirOwnColumns()
    {
        AttributeEncoder encoder;
        encoder.addInt("messaging.batch.index", 3);
        SpanLink link;
        link.traceId = TraceId{0xaaaaaaaaaaaaaaaaull, 0xbbbbbbbbbbbbbbbbull};
        link.spanId = 0xc1;
        link.type = LinkType::FollowsFrom;
        link.traceState = "k=v";
        link.attributes = std::string(encoder.data());
        LinkModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLinks({link, SpanLink{}});
        QCOMPARE(model.rowCount(), 2);
        QStringList headers;
        for (int section = 0; section < model.columnCount(); ++section)
            headers << model.headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("Trace ID"), QStringLiteral("Span ID"),
                                       QStringLiteral("Type"), QStringLiteral("Attributes")}));
        QCOMPARE(model.index(0, LinkModel::TraceIdColumn).data().toString(),
                 QStringLiteral("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb"));
        QCOMPARE(model.index(0, LinkModel::SpanIdColumn).data().toString(),
                 QStringLiteral("00000000000000c1"));
        QCOMPARE(model.index(0, LinkModel::TypeColumn).data().toString(), QStringLiteral("follows from"));
        QCOMPARE(model.index(1, LinkModel::TypeColumn).data().toString(), QStringLiteral("link"));
        QCOMPARE(model.index(0, LinkModel::AttributesColumn).data().toString(),
                 QStringLiteral("messaging.batch.index=3"));
        QCOMPARE(model.index(0, LinkModel::SpanIdColumn).data(DetailRole::RowKey).toString(),
                 QStringLiteral("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb/00000000000000c1"));
        QCOMPARE(shownTooltip(model.index(0, LinkModel::TypeColumn).data(Qt::ToolTipRole)),
                 QStringLiteral("trace state: k=v"));
        QCOMPARE(model.linkAt(0)->spanId, uint64_t(0xc1));
        QVERIFY(!model.linkAt(2));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(DetailModelsTest)
#include "tst_detail_models.moc"
