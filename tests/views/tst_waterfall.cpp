// SPDX-License-Identifier: MIT
// The waterfall as a user drives it: keys, mouse and wheel change selection, expansion and the
// time window; find dims and walks matches; filters hide rows; the picture shows the critical path
// and loses collapsed rows; scrolling repaints a strip, not the whole view.
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "layout/TimeAxis.h"
#include "layout/TraceAnalysis.h"
#include "model/EventTimes.h"
#include "model/TraceListReader.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"
#include "views/ImageExport.h"
#include "views/WaterfallMinimap.h"
#include "views/WaterfallView.h"

#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace spanscope;

namespace {

std::shared_ptr<const TraceAnalysis>
loadSample(std::vector<std::tuple<uint32_t, int64_t, int64_t>>* events = nullptr)
{
    static test::TemporaryWorkspace* temporary = new test::TemporaryWorkspace; // lives for the test run
    Workspace& workspace = *temporary->workspace;
    const auto outcome = importFile(
        workspace, test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json")).toStdString(),
        ImportOptions{});
    const auto traces = TraceListReader(workspace.db()).list({});
    auto data = TraceLoader(workspace.db()).load(traces.at(0).traceRow);
    if (events)
        *events = loadEventTimes(workspace.db(), *data);
    return analyzeTrace(std::move(*data), AnalysisOptions{});
}

uint32_t spanNamed(const TraceAnalysis& analysis, const char* service, const char* name, int occurrence = 0)
{
    const TraceData& data = analysis.data;
    for (uint32_t i = 0; i < data.size(); ++i) {
        if (data.strings.at(data.service[i]) == service && data.strings.at(data.name[i]) == name &&
            occurrence-- == 0)
            return i;
    }
    qFatal("no span %s %s", service, name);
}

// Counts pixels of a colour inside a rectangle of an image.
int countColour(const QImage& image, const QRect& rect, QRgb colour)
{
    int count = 0;
    for (int y = std::max(rect.top(), 0); y <= std::min(rect.bottom(), image.height() - 1); ++y)
        for (int x = std::max(rect.left(), 0); x <= std::min(rect.right(), image.width() - 1); ++x)
            count += (image.pixel(x, y) & 0xFFFFFF) == (colour & 0xFFFFFF) ? 1 : 0;
    return count;
}

} // namespace

class WaterfallTest : public QObject
{
    Q_OBJECT

private slots:
    void keyboardMovesSelectionAndExpands()
    {
        const auto analysis = loadSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        view.setAnalysis(analysis);
        QCOMPARE(view.rows().size(), size_t(40));
        const uint32_t root = view.rows().spans[0];
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.selectedSpan(), root);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.selectedSpan(), view.rows().spans[1]);
        QTest::keyClick(&view, Qt::Key_Left); // an expanded span collapses first
        QCOMPARE(view.rows().size(), size_t(37));
        QTest::keyClick(&view, Qt::Key_Left); // then Left goes to the parent
        QCOMPARE(view.selectedSpan(), root);
        QTest::keyClick(&view, Qt::Key_Left); // collapse the root
        QCOMPARE(view.rows().size(), size_t(1));
        QVERIFY(view.collapseState().isCollapsed(root));
        QTest::keyClick(&view, Qt::Key_Right); // expand
        QCOMPARE(view.rows().size(), size_t(37));
        view.expandAll();
        QCOMPARE(view.rows().size(), size_t(40));
        QTest::keyClick(&view, Qt::Key_Right); // into the first child
        QCOMPARE(view.selectedSpan(), view.rows().spans[1]);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.selectedSpan(), view.rows().spans[39]);
        // Collapse to depth 1: the root and its three children (auth call, checkout call, render).
        view.collapseToDepth(1);
        QCOMPARE(view.rows().size(), size_t(4));
        // Collapsing the selected subtree and expanding it again.
        view.expandAll();
        view.selectSpan(spanNamed(*analysis, "checkout-service", "POST /checkout"));
        view.collapseSelectedSubtree();
        QCOMPARE(view.rows().size(), size_t(40 - 32)); // its 32 descendants are gone
        view.expandSelectedSubtree();
        QCOMPARE(view.rows().size(), size_t(40));
    }

    void mouseSelectsTogglesZoomsAndPans()
    {
        const auto analysis = loadSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        view.setAnalysis(analysis);
        const WaterfallMetrics& m = view.metrics();
        QWidget* viewport = view.viewport();
        // Click the third row's name: selected.
        const int rowY = m.headerHeight + 2 * m.rowHeight + m.rowHeight / 2;
        QTest::mouseClick(viewport, Qt::LeftButton, {}, QPoint(250, rowY));
        QCOMPARE(view.selectedSpan(), view.rows().spans[2]);
        // Click the root's expander: collapsed.
        const QRect expander = m.expanderRect(viewport->rect(), view.scene(), 0, 0);
        QTest::mouseClick(viewport, Qt::LeftButton, {}, expander.center());
        QCOMPARE(view.rows().size(), size_t(1));
        QTest::mouseClick(viewport, Qt::LeftButton, {}, expander.center());
        QCOMPARE(view.rows().size(), size_t(40));

        // Ctrl+wheel zooms around the cursor; the window shrinks.
        const int64_t fullWidth = view.windowEnd() - view.windowStart();
        QWheelEvent zoom(QPointF(800, rowY), viewport->mapToGlobal(QPointF(800, rowY)), QPoint(),
                         QPoint(0, 240), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &zoom);
        const int64_t zoomedWidth = view.windowEnd() - view.windowStart();
        QVERIFY(zoomedWidth < fullWidth * 0.8);
        // Dragging the bars to the left moves the window later in time.
        const int64_t before = view.windowStart();
        QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(900, rowY));
        QTest::mouseMove(viewport, QPoint(700, rowY));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(700, rowY));
        QVERIFY(view.windowStart() > before);
        QCOMPARE(view.windowEnd() - view.windowStart(), zoomedWidth);
        // Double-click zooms to the span; 0 resets.
        const uint32_t target = spanNamed(*analysis, "ml-scorer", "model.predict");
        view.selectSpan(target);
        view.zoomToSelection();
        QVERIFY(view.windowStart() <= analysis->times.start[target]);
        QVERIFY(view.windowEnd() >= analysis->times.end[target]);
        QVERIFY(view.windowEnd() - view.windowStart() < analysis->times.duration(target) * 2);
        QTest::keyClick(&view, Qt::Key_0);
        QCOMPARE(view.windowStart(), analysis->times.traceStart);
    }

    void findDimsNonMatchesAndWalksMatches()
    {
        const auto analysis = loadSample();
        WaterfallView view;
        view.resize(1200, 700);
        view.show();
        view.setAnalysis(analysis);
        // Matches: the two ml-scorer SERVER spans, inside a collapsed tree.
        std::vector<uint8_t> matches(analysis->data.size(), 0);
        const uint32_t first = spanNamed(*analysis, "ml-scorer", "POST /score", 0);
        const uint32_t second = spanNamed(*analysis, "ml-scorer", "POST /score", 1);
        matches[first] = matches[second] = 1;
        view.collapseAll();
        view.setMatches(matches);
        QCOMPARE(view.matchCount(), size_t(2));
        const WaterfallScene scene = view.scene();
        QVERIFY(scene.undimmed);
        QCOMPARE((*scene.undimmed)[view.rows().spans[0]], uint8_t(1)); // an ancestor stays readable
        QCOMPARE((*scene.undimmed)[spanNamed(*analysis, "auth-service", "POST /auth/verify")], uint8_t(0));
        QTest::keyClick(&view, Qt::Key_F3);
        QCOMPARE(view.selectedSpan(), first); // revealed and selected
        QVERIFY(view.rows().rowOf(analysis->tree, first) >= 0);
        QTest::keyClick(&view, Qt::Key_F3);
        QCOMPARE(view.selectedSpan(), second);
        QTest::keyClick(&view, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(view.selectedSpan(), first);
        view.setMatches({});
        QCOMPARE(view.matchCount(), size_t(0));
        QVERIFY(!view.scene().undimmed);
    }

    void serviceFilterHidesSpansAndMovesTheirDescendantsUp()
    {
        // docs/DECISIONS.md, "Hiding a service": a hidden service's spans have no row; the spans
        // below them of other services stay, under the nearest shown ancestor.
        const auto analysis = loadSample();
        WaterfallView view;
        view.setAnalysis(analysis);
        const TraceData& data = analysis->data;
        const uint32_t fraud = data.service[spanNamed(*analysis, "fraud-check", "POST /fraud/assess")];
        size_t fraudSpans = 0;
        for (uint32_t i = 0; i < data.size(); ++i)
            fraudSpans += data.service[i] == fraud ? 1 : 0;
        QCOMPARE(fraudSpans, size_t(4)); // its server span, the history query, two scoring clients
        QSignalSpy changed(&view, &WaterfallView::serviceFilterChanged);
        view.hideService(fraud);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(view.rows().size(), size_t(40 - 4));
        QCOMPARE(view.hiddenSpanCount(), size_t(4));
        QCOMPARE(view.hiddenServiceCount(), size_t(1));
        for (uint32_t span : view.rows().spans)
            QVERIFY(data.service[span] != fraud);
        // The two ml-scorer servers were under fraud-check's clients, under its server, under
        // payment's fraud client: now they hang from that client, one level below it (two
        // hidden levels less).
        const uint32_t client = spanNamed(*analysis, "payment-service", "POST /fraud/assess");
        const int64_t clientRow = view.rows().rowOf(analysis->tree, client);
        QVERIFY(clientRow >= 0);
        for (int occurrence = 0; occurrence < 2; ++occurrence) {
            const uint32_t scorer = spanNamed(*analysis, "ml-scorer", "POST /score", occurrence);
            const int64_t row = view.rows().rowOf(analysis->tree, scorer);
            QVERIFY(row > clientRow);
            QCOMPARE(view.rows().depth(analysis->tree, size_t(row)),
                     view.rows().depth(analysis->tree, size_t(clientRow)) + 1);
            QCOMPARE(view.rows().depth(analysis->tree, size_t(row)), analysis->tree.depth[scorer] - 2);
        }
        // The client has the scorers' 5 spans below it now, and Left from a scorer goes to it.
        QCOMPARE(view.rows().descendants(analysis->tree, size_t(clientRow)), uint32_t(5));
        view.selectSpan(spanNamed(*analysis, "ml-scorer", "POST /score", 0));
        view.collapseAll();
        view.expandAll();
        QTest::keyClick(&view, Qt::Key_Left); // collapse the scorer first
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.selectedSpan(), client);
        // Show only one service: its spans, nothing else (5 ml-scorer spans, all roots now).
        const uint32_t scorerService = data.service[spanNamed(*analysis, "ml-scorer", "model.predict")];
        view.expandAll();
        view.showOnlyService(scorerService);
        QCOMPARE(view.rows().size(), size_t(5));
        QCOMPARE(view.hiddenSpanCount(), size_t(35));
        QCOMPARE(view.rows().depth(analysis->tree, 0), uint32_t(0));
        view.showAllServices();
        QCOMPARE(view.rows().size(), size_t(40));
        QCOMPARE(view.hiddenServiceCount(), size_t(0));
    }

    void pictureShowsCriticalPathAndDropsCollapsedRows()
    {
        std::vector<std::tuple<uint32_t, int64_t, int64_t>> events;
        const auto analysis = loadSample(&events);
        CollapseState collapse(analysis->data.size());
        WaterfallRows rows = visibleRows(analysis->tree, collapse);
        const WaterfallDecorations decorations = WaterfallDecorations::build(*analysis, events);
        WaterfallScene scene;
        scene.analysis = analysis.get();
        scene.rows = &rows;
        scene.collapse = &collapse;
        scene.decorate(decorations);
        scene.windowStart = analysis->times.traceStart;
        scene.windowEnd = analysis->times.traceEnd;
        scene.nameColumnWidth = 400;
        const WaterfallMetrics metrics;
        QImage image(1400, metrics.headerHeight + int(rows.size()) * metrics.rowHeight, QImage::Format_RGB32);
        {
            QPainter painter(&image);
            WaterfallPainter::paint(painter, image.rect(), scene, metrics);
        }
        const QRect bars = metrics.barArea(image.rect(), scene);
        const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
        const auto barRow = [&](uint32_t span) {
            // The bar itself: its labels (dark text) are beside it.
            const int64_t row = rows.rowOf(analysis->tree, span);
            const int x0 = int(mapping.toX(analysis->times.start[span])) + 1;
            const int x1 = int(mapping.toX(analysis->times.end[span])) - 1;
            return QRect(x0, metrics.rowTop(image.rect(), scene, size_t(row)) + 5, x1 - x0,
                         metrics.rowHeight - 10);
        };
        // model.predict is on the critical path: its bar carries the path's stripe.
        const uint32_t onPath = spanNamed(*analysis, "ml-scorer", "model.predict");
        QVERIFY(analysis->criticalPath.isOnPath(onPath));
        const QRgb critical =
            WaterfallPainter::criticalPathInk(ViewTheme::light(), WaterfallPainter::barColor(scene, onPath))
                .rgb();
        QVERIFY(countColour(image, barRow(onPath), critical) > 50);
        // The first inventory reservation runs in parallel with a longer one: not on the path.
        const uint32_t offPath = spanNamed(*analysis, "inventory-service", "postgres UPDATE stock", 2);
        QVERIFY(!analysis->criticalPath.isOnPath(offPath));
        QCOMPARE(countColour(image, barRow(offPath), critical), 0);

        // Collapse payment's subtree: its rows are gone from the picture.
        const uint32_t payment = spanNamed(*analysis, "checkout-service", "POST /payments");
        collapse.setCollapsed(payment, true);
        rows = visibleRows(analysis->tree, collapse);
        QCOMPARE(rows.size(), size_t(40 - 13)); // its 13 descendants
        QImage collapsed(1400, metrics.headerHeight + 40 * metrics.rowHeight, QImage::Format_RGB32);
        collapsed.fill(Qt::black);
        {
            QPainter painter(&collapsed);
            WaterfallPainter::paint(painter, collapsed.rect(), scene, metrics);
        }
        // Below the last row there is only background: white, grid lines and the column divider.
        const QRect below(0, metrics.headerHeight + int(rows.size()) * metrics.rowHeight + 1, 1400,
                          (40 - int(rows.size())) * metrics.rowHeight - 2);
        const int background = countColour(collapsed, below, 0xffffff) +
                               countColour(collapsed, below, 0xe3e5e8) +
                               countColour(collapsed, below, 0xc9ccd1);
        QCOMPARE(background, below.width() * below.height());
        // While the uncollapsed picture has rows there.
        const int uncollapsedBackground =
            countColour(image, below, 0xffffff) + countColour(image, below, 0xe3e5e8) +
            countColour(image, below, 0xc9ccd1) + countColour(image, below, 0xf7f7f9);
        QVERIFY(uncollapsedBackground < below.width() * below.height() * 95 / 100);
    }

    void scrollingRepaintsOnlyTheExposedStrip()
    {
        const auto analysis = loadSample();
        WaterfallView view;
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setAnalysis(analysis);
        view.viewport()->repaint();
        const int full = view.rowPaintsInLastFrame();
        view.verticalScrollBar()->setValue(view.metrics().rowHeight);
        view.viewport()->repaint();
        QVERIFY(view.rowPaintsInLastFrame() < full / 3);
        // And the picture is the same as a full repaint's.
        const QImage shifted = view.viewport()->grab().toImage();
        view.setShowCriticalPath(true); // invalidates the cache
        view.viewport()->repaint();
        QCOMPARE(view.viewport()->grab().toImage(), shifted);
    }

    void minimapFramesTheVisiblePartAndMovesIt()
    {
        const auto analysis = loadSample();
        WaterfallView view;
        WaterfallMinimap minimap(&view);
        view.resize(1000, 300);
        minimap.resize(1000, 56);
        view.show();
        minimap.show();
        view.setAnalysis(analysis);
        const QRectF whole = minimap.frame();
        QVERIFY(whole.width() > 900);
        QVERIFY(whole.height() < 56 * 0.6); // 300 px show about a third of the 40 rows
        view.zoomToSpan(spanNamed(*analysis, "ml-scorer", "model.predict"));
        const QRectF zoomed = minimap.frame();
        QVERIFY(zoomed.width() < whole.width() / 4);
        // Clicking near the right end moves the time window there.
        const int64_t before = view.windowStart();
        QTest::mouseClick(&minimap, Qt::LeftButton, {}, QPoint(980, 28));
        QVERIFY(view.windowStart() > before);
        QVERIFY(view.verticalScrollBar()->value() > 0);
    }
};

QTEST_MAIN(WaterfallTest)
#include "tst_waterfall.moc"
