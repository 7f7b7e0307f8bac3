// SPDX-License-Identifier: MIT
// Flame chart frames: x = time, y = depth; sub-pixel frames merged for a zoom; hit testing.
#include "TraceText.h"
#include "layout/FlameFrames.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

namespace {

// Depth 1 holds a wide frame a, an overlapping wide o, three tiny spans close together, one tiny
// span further away, and b.
const char* kTrace = R"(
    r  - s r server 0 1000
    a  r s a client 0 100
    o  r s o client 50 600
    t1 r s t client 200 203
    t2 r s t client 205 208
    t3 r s t client 209 211
    t4 r s t client 300 302
    b  r s b client 400 900
    bb b s c internal 410 420
)";

struct Fixture
{
    TextTrace t = parseTrace(kTrace);
    SpanTree tree = buildSpanTree(t.data);
    SpanTimes times = effectiveTimes(t.data, tree);
    FlameLayout layout = buildFlameLayout(tree, times);
};

} // namespace

class FlameFramesTest : public QObject
{
    Q_OBJECT

private slots:
    void framesPerDepthInStartOrder()
    {
        const Fixture f;
        QCOMPARE(f.layout.depthCount(), 3u);
        const FlameFrames frames = flameFrames(f.layout, f.times, 1.0);
        QCOMPARE(frames.depthCount(), 3u);
        QCOMPARE(frames.depthOffset, (std::vector<uint32_t>{0, 1, 8, 9}));
        QCOMPARE(frames.frames[0].span, f.t["r"]);
        for (uint32_t k = 1; k < 8; ++k) {
            QCOMPARE(frames.frames[k].count, 1u);
            QVERIFY(frames.frames[k].start >= frames.frames[k - 1].start || k == 1);
        }
        QCOMPARE(frames.frames[8].span, f.t["bb"]);
    }

    void subPixelFramesAreMerged()
    {
        const Fixture f;
        // 10 ns per pixel: t1..t3 are narrower than a pixel and less than a pixel apart; merging
        // stops once the merged frame is a pixel wide. t4 is 89 ns away: a frame of its own.
        const FlameFrames frames = flameFrames(f.layout, f.times, 10.0);
        QCOMPARE(frames.depthOffset, (std::vector<uint32_t>{0, 1, 6, 7}));
        const FlameFrame& merged = frames.frames[3];
        QCOMPARE(merged.span, f.t["t1"]);
        QCOMPARE(merged.count, 3u);
        QCOMPARE(merged.start, 200);
        QCOMPARE(merged.end, 211);
        QCOMPARE(frames.frames[4].span, f.t["t4"]);
        QCOMPARE(frames.frames[4].count, 1u);
        // Wide frames are never merged, however close.
        QCOMPARE(frames.frames[1].span, f.t["a"]);
        QCOMPARE(frames.frames[2].span, f.t["o"]);
    }

    void aMillionTinySpansBecomeAboutOneFramePerPixel()
    {
        const uint32_t n = 1'000'000;
        TraceData data;
        data.resize(n + 1);
        data.resources.push_back(TraceResource{});
        data.startNs[0] = 0;
        data.endNs[0] = 2 * int64_t(n) + 2;
        data.spanId[0] = 1;
        for (uint32_t i = 1; i <= n; ++i) {
            data.startNs[i] = 2 * int64_t(i);
            data.endNs[i] = 2 * int64_t(i) + 1;
            data.spanId[i] = i + 1;
            data.parentSpanId[i] = 1;
        }
        const SpanTree tree = buildSpanTree(data);
        const SpanTimes times = effectiveTimes(data, tree);
        const FlameLayout layout = buildFlameLayout(tree, times);
        const double nsPerPixel = double(times.traceDuration()) / 1000.0; // 1000 pixels wide
        const FlameFrames frames = flameFrames(layout, times, nsPerPixel);
        const uint32_t depth1 = frames.depthOffset[2] - frames.depthOffset[1];
        QVERIFY2(depth1 <= 1001 && depth1 >= 990, qPrintable(QString::number(depth1)));
        uint64_t spans = 0;
        for (uint32_t k = frames.depthOffset[1]; k < frames.depthOffset[2]; ++k)
            spans += frames.frames[k].count;
        QCOMPARE(spans, uint64_t(n));
        // Zoomed into a window: only what intersects it.
        const FlameFrames window = flameFrames(layout, times, 1.0, 1000, 1010);
        QCOMPARE(window.depthOffset[2] - window.depthOffset[1], 6u); // spans 500..505 start at 1000..1010
    }

    void hitTesting()
    {
        const Fixture f;
        const FlameFrames frames = flameFrames(f.layout, f.times, 10.0);
        QCOMPARE(frames.hitTest(0, 500)->span, f.t["r"]);
        QCOMPARE(frames.hitTest(1, 20)->span, f.t["a"]);
        QCOMPARE(frames.hitTest(1, 205)->count, 3u);      // the merged frame, on top of o
        QCOMPARE(frames.hitTest(1, 250)->span, f.t["o"]); // past the merged frame, o still covers it
        QCOMPARE(frames.hitTest(1, 450)->span, f.t["b"]); // b starts later than o: drawn on top
        QCOMPARE(frames.hitTest(1, 700)->span, f.t["b"]);
        QVERIFY(!frames.hitTest(1, 950));
        QVERIFY(!frames.hitTest(2, 405));
        QCOMPARE(frames.hitTest(2, 405, 5)->span, f.t["bb"]); // with half a pixel of tolerance
        QVERIFY(!frames.hitTest(7, 500));
        QVERIFY(!frames.hitTest(0, -10));
    }

    void windowLeavesOutWhatIsNotVisible()
    {
        const Fixture f;
        const FlameFrames frames = flameFrames(f.layout, f.times, 1.0, 350, 450);
        std::vector<uint32_t> spans;
        for (uint32_t k = frames.depthOffset[1]; k < frames.depthOffset[2]; ++k)
            spans.push_back(frames.frames[k].span);
        QCOMPARE(spans, (std::vector<uint32_t>{f.t["o"], f.t["b"]}));
    }
};

QTEST_GUILESS_MAIN(FlameFramesTest)
#include "tst_flameframes.moc"
