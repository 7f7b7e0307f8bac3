// SPDX-License-Identifier: MIT
// The contract every view of a trace shares (views/common/TraceViewState): one selection, one
// hover, find's matches with what they dim and the walk between them, the hidden services, one
// time window; signals only on a real change; a new trace clears it all.
#include "WaterfallTestSupport.h"
#include "views/common/TraceViewState.h"

#include <QSignalSpy>

using namespace spanscope;
using spanscope::test::spanNamed;

class TraceViewStateTest : public QObject
{
    Q_OBJECT

private slots:
    void selectionAndHoverSignalOnlyOnChange()
    {
        const auto sample = test::loadCheckoutSample();
        TraceViewState state;
        state.setAnalysis(sample.analysis);
        QSignalSpy selected(&state, &TraceViewState::selectionChanged);
        QSignalSpy hovered(&state, &TraceViewState::hoverChanged);
        const uint32_t span = spanNamed(*sample.analysis, "ml-scorer", "model.predict");
        state.selectSpan(span);
        state.selectSpan(span);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toUInt(), span);
        state.selectSpan(uint32_t(sample.analysis->data.size())); // out of range: nothing selected
        QCOMPARE(state.selectedSpan(), TraceViewState::kNoSpan);
        QCOMPARE(selected.count(), 2);
        state.hoverSpan(span);
        state.hoverSpan(span);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(state.hoveredSpan(), span);
    }

    void revealPansTheWindowAndAsksEveryView()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        TraceViewState state;
        state.setAnalysis(sample.analysis);
        const uint32_t auth = spanNamed(analysis, "auth-service", "POST /auth/verify");
        const uint32_t scorer =
            spanNamed(analysis, "cart-service", "redis SET cart"); // narrower than the window
        TimeWindow zoomed = state.window();
        zoomed.zoomTo(analysis.times.start[auth], analysis.times.end[auth]);
        state.setWindow(zoomed);
        QVERIFY(zoomed.end() < analysis.times.start[scorer]); // the scorer is out of view
        QSignalSpy reveals(&state, &TraceViewState::revealRequested);
        QSignalSpy windows(&state, &TraceViewState::windowChanged);
        state.revealSpan(scorer);
        QCOMPARE(state.selectedSpan(), scorer);
        QCOMPARE(windows.count(), 1);
        QCOMPARE(state.window().width(), zoomed.width()); // panned, not zoomed
        QVERIFY(state.window().start() <= analysis.times.start[scorer]);
        QVERIFY(state.window().end() >= analysis.times.end[scorer]);
        // Already selected and in view: the views are still asked (it may be in a collapsed row).
        state.revealSpan(scorer);
        QCOMPARE(reveals.count(), 2);
        QCOMPARE(windows.count(), 1);
    }

    void matchesDimTheRestAndAreWalkedInDepthFirstOrder()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        TraceViewState state;
        state.setAnalysis(sample.analysis);
        const uint32_t first = spanNamed(analysis, "ml-scorer", "POST /score", 0);
        const uint32_t second = spanNamed(analysis, "ml-scorer", "POST /score", 1);
        std::vector<uint8_t> matches(analysis.data.size(), 0);
        matches[first] = matches[second] = 1;
        QSignalSpy changed(&state, &TraceViewState::matchesChanged);
        state.setMatches(matches);
        state.setMatches(matches);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(state.reachableMatchCount(), size_t(2));
        const uint32_t root = analysis.tree.preorder.front();
        QVERIFY(!state.isDimmed(root)); // an ancestor of a match
        QVERIFY(state.isDimmed(spanNamed(analysis, "auth-service", "POST /auth/verify")));
        QVERIFY(analysis.tree.preorderIndex[first] < analysis.tree.preorderIndex[second]);
        QCOMPARE(state.matchAfter(TraceViewState::kNoSpan, +1), first);
        QCOMPARE(state.matchAfter(TraceViewState::kNoSpan, -1), second);
        QCOMPARE(state.matchAfter(first, +1), second);
        QCOMPARE(state.matchAfter(second, +1), first); // wraps
        QCOMPARE(state.matchAfter(root, -1), second);
        QVERIFY(state.stepMatch(+1));
        QCOMPARE(state.selectedSpan(), first);
        QCOMPARE(state.matchPosition(first), size_t(1));
        QCOMPARE(state.matchPosition(second), size_t(2));
        QCOMPARE(state.matchPosition(root), size_t(0));
        // A wrong-sized result is no find at all.
        state.setMatches(std::vector<uint8_t>(3, 1));
        QVERIFY(!state.hasMatches());
        QVERIFY(!state.isDimmed(root));
        QVERIFY(!state.stepMatch(+1));
    }

    void hiddenServicesTakeTheirSpansAndTheirMatches()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        const TraceData& data = analysis.data;
        TraceViewState state;
        state.setAnalysis(sample.analysis);
        const uint32_t fraudClient = spanNamed(analysis, "fraud-check", "POST /score");
        const uint32_t scorer = spanNamed(analysis, "ml-scorer", "POST /score");
        std::vector<uint8_t> matches(data.size(), 0);
        for (uint32_t i = 0; i < data.size(); ++i)
            matches[i] = data.strings.at(data.name[i]) == "POST /score" ? 1 : 0;
        state.setMatches(matches);
        QCOMPARE(state.reachableMatchCount(), size_t(4));
        QSignalSpy changed(&state, &TraceViewState::hiddenServicesChanged);
        state.hideService(data.service[fraudClient]);
        QCOMPARE(changed.count(), 1);
        QVERIFY(state.isSpanHidden(fraudClient));
        QVERIFY(!state.isSpanHidden(scorer));
        QCOMPARE(state.hiddenSpanCount(), size_t(4));
        QCOMPARE(state.hiddenServiceCount(), size_t(1));
        QCOMPARE(state.reachableMatchCount(), size_t(2));
        QCOMPARE(state.hiddenMatchCount(), size_t(2));
        QCOMPARE(state.matchPosition(fraudClient), size_t(0));
        QVERIFY(!state.shownSpans().empty());
        state.showOnlyService(data.service[scorer]);
        QCOMPARE(state.hiddenServiceCount(), size_t(7));
        QVERIFY(!state.isSpanHidden(scorer));
        state.showAllServices();
        QVERIFY(state.shownSpans().empty());
        QCOMPARE(state.hiddenSpanCount(), size_t(0));
        QCOMPARE(state.reachableMatchCount(), size_t(4));
        state.setHiddenServices(std::vector<uint8_t>(data.strings.size(), 0)); // nothing hidden
        QCOMPARE(changed.count(), 3);
    }

    void aNewTraceClearsEverything()
    {
        const auto sample = test::loadCheckoutSample();
        TraceViewState state;
        state.setAnalysis(sample.analysis);
        state.selectSpan(3);
        state.hoverSpan(4);
        state.setMatches(std::vector<uint8_t>(sample.analysis->data.size(), 1));
        state.hideService(sample.analysis->data.service[5]);
        TimeWindow narrow = state.window();
        narrow.zoomAbout(narrow.start(), 4);
        state.setWindow(narrow);
        QSignalSpy analysisChanged(&state, &TraceViewState::analysisChanged);
        state.setAnalysis(test::loadCheckoutSample().analysis);
        QCOMPARE(analysisChanged.count(), 1);
        QCOMPARE(state.selectedSpan(), TraceViewState::kNoSpan);
        QCOMPARE(state.hoveredSpan(), TraceViewState::kNoSpan);
        QVERIFY(!state.hasMatches());
        QVERIFY(state.hiddenServices().empty());
        QCOMPARE(state.window().start(), state.analysis()->times.traceStart);
        QCOMPARE(state.window().end(), state.analysis()->times.traceEnd);
        state.setAnalysis(nullptr);
        state.selectSpan(0);
        QCOMPARE(state.selectedSpan(), TraceViewState::kNoSpan);
    }
};

QTEST_MAIN(TraceViewStateTest)
#include "tst_trace_view_state.moc"
