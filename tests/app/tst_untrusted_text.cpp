// SPDX-License-Identifier: MIT
// Text from trace files is shown literally everywhere: markup is not interpreted in labels,
// tooltips, menus or dialogs; control characters and direction overrides are neutralised; very
// long names are cut; text typed into filters never reaches SQL except as a bound parameter.
#include "TestSupport.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "model/AttributeModel.h"
#include "model/EventModel.h"
#include "model/TextFormat.h"
#include "model/TraceListModel.h"
#include "model/Workspace.h"
#include "views/SpanDetailsView.h"
#include "views/TraceListView.h"
#include "views/TracePanel.h"
#include "views/WaterfallPainter.h"
#include "views/WaterfallView.h"

#include <QApplication>
#include <QBuffer>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

using namespace spanscope;

namespace {

QString shownTooltip(const QVariant& tooltip)
{
    QTextDocument document;
    document.setHtml(tooltip.toString());
    return document.toPlainText();
}

} // namespace

class UntrustedTextTest : public QObject
{
    Q_OBJECT

private slots:
    void namesAttributesAndEventsAreShownLiterally()
    {
        test::TemporaryWorkspace temporary;
        auto workspace = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
        MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
        window.show();
        window.openFiles({test::sourcePath(QStringLiteral("tests/data/hostile/hostile-names.otlp.json"))});
        window.session().waitForIdle();
        QTRY_VERIFY_WITH_TIMEOUT(window.waterfall()->analysis() != nullptr, 20000);

        // The trace list shows the service as written.
        QAbstractItemModel* list = window.traceList()->table()->model();
        QCOMPARE(list->index(0, TraceListModel::ServiceColumn).data().toString(),
                 QStringLiteral("<b>bold</b> & <i>R&D</i>"));

        // Every label in the window is plain text.
        for (QLabel* label : window.findChildren<QLabel*>())
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName() + label->text()));

        // The details header: markup literal, the direction override neutralised.
        const QString header = window.details()->headerText();
        QVERIFY(header.contains(QStringLiteral("<b>bold</b> & <i>R&D</i>")));
        QVERIFY(header.contains(QStringLiteral("gnp.exe <img src=x onerror=alert(1)>")));
        QVERIFY(!header.contains(QChar(0x202E)));
        QVERIFY(header.contains(QStringLiteral("<script>alert('status')</script>")));

        // Attribute values: shown literally in cells and in tooltips.
        AttributeModel* attributes = window.details()->attributeModel();
        QCOMPARE(attributes->rowCount(), 3);
        QCOMPARE(attributes->index(0, AttributeModel::ValueColumn).data().toString(),
                 QStringLiteral("<h1>big</h1><a href='file:///etc/passwd'>click</a>"));
        QCOMPARE(shownTooltip(attributes->index(0, AttributeModel::ValueColumn).data(Qt::ToolTipRole)),
                 QStringLiteral("<h1>big</h1><a href='file:///etc/passwd'>click</a>"));
        QCOMPARE(attributes->index(1, AttributeModel::ValueColumn).data().toString(),
                 QStringLiteral("abc\uFFFDdef"));
        QCOMPARE(attributes->index(2, AttributeModel::ValueColumn).data().toString(),
                 QStringLiteral("ring\u2407\u241B[31mred"));

        // The service filter menu does not turn '&' into a shortcut.
        QMenu* services = window.findChild<QMenu*>(QStringLiteral("serviceMenu"));
        QVERIFY(services);
        bool found = false;
        for (QAction* action : services->actions())
            found = found || action->text() == QStringLiteral("<b>bold</b> && <i>R&&D</i>");
        QVERIFY(found);

        // The child span: its event, tab and newline in the name.
        const TraceAnalysis* analysis = window.waterfall()->analysis();
        window.waterfall()->selectSpan(window.waterfall()->rows().spans[1]);
        EventModel* events = window.details()->eventModel();
        QCOMPARE(events->rowCount(), 1);
        QCOMPARE(events->index(0, EventModel::NameColumn).data().toString(), QStringLiteral("<u>event</u>"));
        QCOMPARE(shownTooltip(events->index(0, EventModel::AttributesColumn).data(Qt::ToolTipRole)),
                 QStringLiteral("x=<b>y</b>"));
        QVERIFY(window.details()->headerText().contains(QStringLiteral("tab\u2409here\u240Anewline")));
        QVERIFY(analysis);

        // The waterfall draws the names as the literal text they are: the SVG of the window's own
        // scene holds them as (escaped) text, tags and all, the direction override neutralised.
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        {
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(QSize(1400, 300));
            QPainter painter(&generator);
            WaterfallPainter::paint(painter, QRect(0, 0, 1400, 300), window.waterfall()->scene());
        }
        const QString drawn = QString::fromUtf8(svg.data());
        QVERIFY2(drawn.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;R&amp;D&lt;/i&gt;")),
                 "the service name is not drawn literally");
        QVERIFY2(drawn.contains(QStringLiteral("\uFFFDgnp.exe &lt;img src=x onerror=alert")),
                 "the operation name is not drawn literally");
        QVERIFY(!drawn.contains(QChar(0x202E)));
    }

    void untrustedTextHelpersNeutraliseEverything()
    {
        QCOMPARE(TextFormat::untrusted("a\x1b[2Jb\x7f"), QStringLiteral("a\u241B[2Jb\u2421"));
        QCOMPARE(TextFormat::untrusted("x\u2066y\u200Fz"), QStringLiteral("x\uFFFDy\uFFFDz"));
        const std::string huge(100000, 'n');
        const QString cut = TextFormat::untrusted(huge, 512);
        QCOMPARE(cut.size(), 513);
        QVERIFY(cut.endsWith(QChar(0x2026)));
        QCOMPARE(shownTooltip(TextFormat::toolTip(QStringLiteral("<b>not bold</b>\nsecond line"))),
                 QStringLiteral("<b>not bold</b>\nsecond line"));
        QCOMPARE(TextFormat::menuText(QStringLiteral("R&D")), QStringLiteral("R&&D"));
    }

    void filterTextNeverBecomesSql()
    {
        test::TemporaryWorkspace temporary;
        auto workspace = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
        MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
        window.openFiles({test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"))});
        window.session().waitForIdle();
        auto* model = qobject_cast<TraceListModel*>(window.traceList()->table()->model());
        QVERIFY(model);
        for (const char* attack : {"'; DROP TABLE spans; --", "\" OR 1=1 --", "%' OR '1'='1", "_"}) {
            model->setFilter(QString::fromUtf8(attack));
            QCOMPARE(model->totalCount(), int64_t(0));
        }
        model->setFilter(QString());
        QCOMPARE(model->totalCount(), int64_t(1));
        QCOMPARE(window.session().workspace().db().queryInt("SELECT count(*) FROM spans"), int64_t(40));
    }
};

QTEST_MAIN(UntrustedTextTest)
#include "tst_untrusted_text.moc"
