// SPDX-License-Identifier: MIT
// The waterfall at scale: one frame painted for a trace of N spans, and one frame of a pan by 40
// pixels through the widget's pixmap cache (shift, then paint the exposed strip and the rows whose
// labels did not move). The instructions for both are counted with callgrind by run.sh (the dumps
// "frame" and "pan"): the cost must not grow with N. Then the interactive operations on the rows:
// expand all, collapse all, collapse to depth.
//   bench_paint --spans N [--frames F]
#include "generator/TraceGenerator.h"
#include "layout/TraceAnalysis.h"
#include "views/WaterfallPainter.h"
#include "views/WaterfallPixmapCache.h"

#include <QGuiApplication>
#include <QRegion>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name)
#endif
#include <QImage>
#include <QPainter>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

using namespace spanscope;
using namespace spanscope::bench;

namespace {

double since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The generator's spans as the arrays the workspace would load (in start order), without SQLite.
TraceData generateTrace(uint64_t spans)
{
    GeneratorOptions options;
    options.spans = spans;
    std::vector<GeneratedSpan> generated;
    generated.reserve(spans);
    TraceGenerator(options).run([&](const GeneratedSpan& span) {
        generated.push_back(span);
        return true;
    });
    std::stable_sort(generated.begin(), generated.end(),
                     [](const GeneratedSpan& a, const GeneratedSpan& b) { return a.startNs < b.startNs; });
    TraceData trace;
    trace.resize(generated.size());
    trace.resources.assign(1, TraceResource{});
    std::unordered_map<std::string, uint32_t> strings;
    const auto local = [&](const std::string& text) {
        const auto [it, inserted] = strings.try_emplace(text, 0);
        if (inserted)
            it->second = trace.strings.add(text);
        return it->second;
    };
    for (size_t i = 0; i < generated.size(); ++i) {
        const GeneratedSpan& g = generated[i];
        trace.startNs[i] = g.startNs;
        trace.endNs[i] = g.endNs;
        trace.spanId[i] = g.spanId;
        trace.parentSpanId[i] = g.parentSpanId;
        trace.rowId[i] = int64_t(i + 1);
        trace.service[i] = local(TraceGenerator::serviceName(g.service));
        trace.name[i] = local(g.name);
        trace.resource[i] = 0;
        trace.kind[i] = SpanKind(g.kind);
        trace.status[i] = g.error ? StatusCode::Error : StatusCode::Unset;
        trace.flags[i] = g.error ? uint32_t(SpanFlag::Error) : 0u;
    }
    return trace;
}

} // namespace

int main(int argc, char** argv)
{
    uint64_t spans = 1000;
    int frames = 20;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--spans") == 0 && i + 1 < argc)
            spans = std::strtoull(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = std::atoi(argv[++i]);
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    const auto analysis = analyzeTrace(generateTrace(spans), AnalysisOptions{});
    CollapseState collapse(analysis->data.size());
    WaterfallRows rows = visibleRows(analysis->tree, collapse);
    const WaterfallDecorations decorations = WaterfallDecorations::build(*analysis, {});
    WaterfallScene scene;
    scene.analysis = analysis.get();
    scene.rows = &rows;
    scene.collapse = &collapse;
    scene.decorate(decorations);
    scene.windowStart = analysis->times.traceStart;
    scene.windowEnd = analysis->times.traceEnd;
    scene.nameColumnWidth = 480;
    // The middle of the trace, where rows are deep and bars are narrow.
    scene.scrollY = double(rows.size() / 2) * WaterfallMetrics{}.rowHeight;
    scene.selectedSpan = rows.spans[rows.size() / 2];

    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    {
        // A first frame warms the font and glyph caches, as any frame after the first in the window.
        QPainter painter(&image);
        WaterfallPainter::paint(painter, image.rect(), scene);
    }
    {
        // The frame callgrind counts (run with --instr-atstart=no: only this part is instrumented).
        CALLGRIND_ZERO_STATS;
        CALLGRIND_START_INSTRUMENTATION;
        QPainter painter(&image);
        WaterfallPainter::paint(painter, image.rect(), scene);
        painter.end();
        CALLGRIND_STOP_INSTRUMENTATION;
        CALLGRIND_DUMP_STATS_AT("frame");
    }
    // A pan by 40 whole pixels from a zoomed-in window (a fifth of the trace), as a drag makes it.
    const QRect area = image.rect();
    const QRect bars = WaterfallMetrics{}.barArea(area, scene);
    WaterfallScene panned = scene;
    panned.windowStart = analysis->times.traceStart + analysis->times.traceDuration() * 2 / 5;
    panned.windowEnd = panned.windowStart + analysis->times.traceDuration() / 5;
    const auto panNs =
        int64_t(std::llround(40.0 * double(panned.windowEnd - panned.windowStart) / bars.width()));
    WaterfallPixmapCache cache;
    cache.update(area, panned, WaterfallMetrics{}, 1.0, 1);
    panned.windowStart += panNs;
    panned.windowEnd += panNs;
    cache.update(area, panned, WaterfallMetrics{}, 1.0, 1); // warm: the shifted path once
    {
        panned.windowStart += panNs;
        panned.windowEnd += panNs;
        CALLGRIND_ZERO_STATS;
        CALLGRIND_START_INSTRUMENTATION;
        cache.update(area, panned, WaterfallMetrics{}, 1.0, 1);
        CALLGRIND_STOP_INSTRUMENTATION;
        CALLGRIND_DUMP_STATS_AT("pan");
    }
    qint64 pannedPixels = 0;
    for (const QRect& rect : cache.lastPainted())
        pannedPixels += qint64(rect.width()) * rect.height();
    auto start = std::chrono::steady_clock::now();
    for (int f = 0; f < frames; ++f) {
        panned.windowStart += (f % 2 ? -panNs : panNs);
        panned.windowEnd += (f % 2 ? -panNs : panNs);
        cache.update(area, panned, WaterfallMetrics{}, 1.0, 1);
    }
    const double panMs = since(start) * 1000 / frames;
    std::printf("pan one 1600x1000 frame by 40 px: %.2f ms (%.0f %% of the rows painted)\n", panMs,
                100.0 * double(pannedPixels) /
                    double(area.width() * (area.height() - WaterfallMetrics{}.headerHeight)));
    std::printf("RESULT pan_ms_%llu %.3f\n", (unsigned long long)spans, panMs);

    start = std::chrono::steady_clock::now();
    for (int f = 0; f < frames; ++f) {
        QPainter painter(&image);
        WaterfallPainter::paint(painter, image.rect(), scene);
    }
    const double frameMs = since(start) * 1000 / frames;
    std::printf("paint one 1600x1000 frame of a %llu-span trace: %.2f ms\n", (unsigned long long)spans,
                frameMs);
    std::printf("RESULT paint_ms_%llu %.3f\n", (unsigned long long)spans, frameMs);

    start = std::chrono::steady_clock::now();
    collapse.collapseAll(analysis->tree);
    rows = visibleRows(analysis->tree, collapse);
    std::printf("collapse all: %.1f ms (%zu rows)\n", since(start) * 1000, rows.size());
    std::printf("RESULT collapse_all_ms_%llu %.3f\n", (unsigned long long)spans, since(start) * 1000);
    start = std::chrono::steady_clock::now();
    collapse.expandAll();
    rows = visibleRows(analysis->tree, collapse);
    std::printf("expand all: %.1f ms (%zu rows)\n", since(start) * 1000, rows.size());
    std::printf("RESULT expand_all_ms_%llu %.3f\n", (unsigned long long)spans, since(start) * 1000);
    start = std::chrono::steady_clock::now();
    collapse.collapseToDepth(analysis->tree, 3);
    rows = visibleRows(analysis->tree, collapse);
    std::printf("collapse to depth 3: %.1f ms (%zu rows)\n", since(start) * 1000, rows.size());
    std::printf("RESULT collapse_depth_ms_%llu %.3f\n", (unsigned long long)spans, since(start) * 1000);
    return 0;
}
