// SPDX-License-Identifier: MIT
// Hovering and right-clicking spans, and hiding services: the tooltip over a bar or a row, the
// span's context menu (clipboard contents, zoom, subtree, filters), View → Services kept in step
// with the filter, and the "N spans of K services hidden" notice with its "Show all". Real events
// throughout: QHelpEvent for the tooltip, QContextMenuEvent for the menu.
#include "WaterfallTestSupport.h"
#include "layout/TimeAxis.h"
#include "model/Ids.h"
#include "views/ServiceFilterMenu.h"
#include "views/TracePanel.h"
#include "views/WaterfallView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QToolButton>
#include <QToolTip>

using namespace spanscope;
using spanscope::test::spanNamed;

namespace {

// The middle of a span's bar, in the viewport.
QPoint barCentre(const WaterfallView& view, uint32_t span)
{
    const TraceAnalysis& analysis = *view.analysis();
    const QRect area = view.viewport()->rect();
    const WaterfallScene scene = view.scene();
    const QRect bars = view.metrics().barArea(area, scene);
    const TimeMapping mapping(view.windowStart(), view.windowEnd(), bars.left(), bars.width());
    const int64_t row = view.rows().rowOf(analysis.tree, span);
    const double x = (mapping.toX(analysis.times.start[span]) + mapping.toX(analysis.times.end[span])) / 2;
    return QPoint(int(x), view.metrics().rowTop(area, scene, size_t(row)) + view.metrics().rowHeight / 2);
}

// The tooltip hovering pos shows (empty: none), starting from none shown.
QString toolTipAt(WaterfallView& view, QPoint pos)
{
    QToolTip::hideText();
    if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }))
        return QStringLiteral("(the previous tooltip stayed)");
    QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view.viewport(), &help);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

// Right-clicks at pos and returns the menu that opened.
QMenu* contextMenuAt(WaterfallView& view, QPoint pos)
{
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view.viewport(), &event);
    return qobject_cast<QMenu*>(QApplication::activePopupWidget());
}

void trigger(QMenu* menu, const char* name)
{
    QAction* action = menu->findChild<QAction*>(QString::fromLatin1(name));
    QVERIFY2(action, name);
    QVERIFY(action->isEnabled());
    action->trigger();
    menu->close();
}

} // namespace

class WaterfallMenusTest : public QObject
{
    Q_OBJECT

private slots:
    void tooltipTellsWhatTheSpanIs()
    {
        const auto sample = test::loadCheckoutSample();
        WaterfallView view;
        view.resize(1200, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(sample.analysis);
        const uint32_t span = spanNamed(*sample.analysis, "ml-scorer", "model.predict");
        const QString onBar = toolTipAt(view, barCentre(view, span));
        for (const char* expected :
             {"ml-scorer: model.predict", "Duration: 53.2 ms", "Self time: 53.2 ms", "Starts at: +",
              "Share of the trace: 12.9 %", "Critical path: 53.2 ms", "Status: unset"})
            QVERIFY2(onBar.contains(QString::fromLatin1(expected)), qPrintable(onBar));
        QVERIFY(onBar.startsWith(QStringLiteral("<p style='white-space:pre-wrap'>"))); // TextFormat::toolTip
        // On the row's name too; and the error span says so.
        const uint32_t failed = spanNamed(*sample.analysis, "ml-scorer", "POST /score");
        const int64_t row = view.rows().rowOf(sample.analysis->tree, failed);
        const QPoint onName(200,
                            view.metrics().rowTop(view.viewport()->rect(), view.scene(), size_t(row)) + 10);
        const QString onRow = toolTipAt(view, onName);
        QVERIFY2(onRow.contains(QStringLiteral("ml-scorer: POST /score")), qPrintable(onRow));
        QVERIFY(onRow.contains(QStringLiteral("Status: error")));
        // Below the last row: none.
        QVERIFY(toolTipAt(view, QPoint(600, 990)).isEmpty());
    }

    void contextMenuCopiesZoomsFoldsAndFilters()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        WaterfallView view;
        view.resize(1200, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(sample.analysis);
        const uint32_t span = spanNamed(analysis, "payment-service", "POST /payments");
        const QPoint at = barCentre(view, span);

        QMenu* menu = contextMenuAt(view, at);
        QVERIFY(menu);
        QCOMPARE(view.selectedSpan(), span); // the menu is about the selected span
        trigger(menu, "copySpanId");
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QString::fromStdString(toHex64(analysis.data.spanId[span])));
        trigger(contextMenuAt(view, at), "copyTraceId");
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QString::fromStdString(toHex128(analysis.data.traceId)));
        trigger(contextMenuAt(view, at), "copyService");
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("payment-service"));
        trigger(contextMenuAt(view, at), "copyOperation");
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("POST /payments"));
        trigger(contextMenuAt(view, at), "copyServiceOperation");
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("payment-service POST /payments"));

        trigger(contextMenuAt(view, at), "collapseSubtree");
        QCOMPARE(analysis.tree.subtreeSize[span], uint32_t(13));
        QCOMPARE(view.rows().size(), size_t(40 - 12)); // its 12 descendants folded away
        trigger(contextMenuAt(view, at), "expandSubtree");
        QCOMPARE(view.rows().size(), size_t(40));
        trigger(contextMenuAt(view, at), "zoomToSpan");
        QVERIFY(view.windowStart() <= analysis.times.start[span]);
        QVERIFY(view.windowEnd() >= analysis.times.end[span]);
        QVERIFY(view.windowEnd() - view.windowStart() < analysis.times.duration(span) * 12 / 10);
        view.resetZoom();

        trigger(contextMenuAt(view, barCentre(view, span)), "hideService");
        QCOMPARE(view.hiddenServiceCount(), size_t(1));
        QCOMPARE(view.hiddenSpanCount(), size_t(4)); // payment-service's four spans
        QCOMPARE(view.rows().size(), size_t(36));
        const uint32_t scorer = spanNamed(analysis, "ml-scorer", "model.predict");
        trigger(contextMenuAt(view, barCentre(view, scorer)), "showOnlyService");
        QCOMPARE(view.rows().size(), size_t(5));
        // A leaf's subtree actions are off; right-clicking below the rows opens nothing.
        QMenu* leaf = contextMenuAt(view, barCentre(view, scorer));
        QVERIFY(!leaf->findChild<QAction*>(QStringLiteral("collapseSubtree"))->isEnabled());
        leaf->close();
        QVERIFY(!contextMenuAt(view, QPoint(600, 990)));
    }

    void servicesMenuAndNoticeFollowTheFilter()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        TracePanel panel;
        panel.resize(1200, 800);
        panel.show();
        QMenu services;
        ServiceFilterMenu filterMenu(&services, panel.waterfall());
        panel.setTrace(sample.analysis, sample.events);
        WaterfallView& view = *panel.waterfall();
        // One entry per service, sorted, all ticked; no notice.
        QStringList names;
        for (QAction* action : services.actions()) {
            if (action->isCheckable()) {
                names << action->text();
                QVERIFY(action->isChecked());
            }
        }
        QCOMPARE(names.size(), 8);
        QCOMPARE(names.front(), QStringLiteral("api-gateway"));
        QVERIFY(panel.filterNoticeText().isEmpty());
        // Untick two services in the menu: their spans go, the notice says how many.
        const auto entry = [&](const QString& name) {
            for (QAction* action : services.actions())
                if (action->text() == name)
                    return action;
            return static_cast<QAction*>(nullptr);
        };
        entry(QStringLiteral("fraud-check"))->trigger();
        entry(QStringLiteral("cart-service"))->trigger();
        QCOMPARE(view.hiddenSpanCount(), size_t(4 + 5));
        QCOMPARE(panel.filterNoticeText(), QStringLiteral("9 span(s) of 2 service(s) hidden"));
        // Hiding from the span's menu unticks it in View → Services.
        const uint32_t inventory = spanNamed(analysis, "inventory-service", "postgres UPDATE stock");
        view.hideService(analysis.data.service[inventory]);
        QVERIFY(!entry(QStringLiteral("inventory-service"))->isChecked());
        QCOMPARE(panel.filterNoticeText(), QStringLiteral("15 span(s) of 3 service(s) hidden"));
        // One click on "Show all" brings everything back, and the menu ticks with it.
        QTest::mouseClick(panel.showAllServicesButton(), Qt::LeftButton);
        QCOMPARE(view.rows().size(), size_t(40));
        QVERIFY(panel.filterNoticeText().isEmpty());
        for (QAction* action : services.actions())
            QVERIFY(!action->isCheckable() || action->isChecked());
    }
};

QTEST_MAIN(WaterfallMenusTest)
#include "tst_waterfall_menus.moc"
