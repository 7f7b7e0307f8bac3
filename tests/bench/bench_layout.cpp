// SPDX-License-Identifier: MIT
// bench_layout [SPANS] [REPETITIONS]: times each step of the layout engine on one realistic trace
// built in memory (default: a million spans, 5 repetitions) and prints one line per step with the
// best and the median time. The target (issue "Layout engine"): tree, times, critical path, self
// time, statistics and the waterfall rows together well under 10% of the import of the same
// trace (about 5 s for a million spans), so well under 500 ms.
#include "layout/ClockSkew.h"
#include "layout/CriticalPath.h"
#include "layout/FlameFrames.h"
#include "layout/Icicle.h"
#include "layout/RootCause.h"
#include "layout/SelfTime.h"
#include "layout/ServiceGraph.h"
#include "layout/SpanTimes.h"
#include "layout/SpanTree.h"
#include "layout/Statistics.h"
#include "layout/WaterfallRows.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace spanscope;

namespace {

struct GeneratedSpan
{
    int64_t start;
    int64_t end;
    uint64_t id;
    uint64_t parent;
    uint32_t service;
    uint32_t name;
    SpanKind kind;
    bool error;
};

uint64_t spanIdOf(uint64_t index)
{
    // splitmix64: distinct, well spread ids, as real ones are.
    uint64_t z = index + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (z ^ (z >> 31)) | 1;
}

// A microservice trace: a gateway SERVER span; every SERVER span calls 1-8 others (a CLIENT span
// in its service with the SERVER span of the callee under it), queries databases (CLIENT leaves)
// and does INTERNAL work, the calls either one after another or in parallel; about 20 services,
// depth up to about 30. Deterministic for a given size.
TraceData generateTrace(uint32_t spanCount)
{
    std::mt19937_64 random(42);
    const auto uniform = [&](int64_t low, int64_t high) {
        return std::uniform_int_distribution<int64_t>(low, high)(random);
    };
    constexpr uint32_t kServices = 20;
    constexpr uint32_t kOperationsPerService = 12;
    constexpr uint32_t kMaxDepth = 30;

    std::vector<GeneratedSpan> spans;
    spans.reserve(spanCount);
    struct Open
    {
        size_t span;
        uint32_t depth;
    };
    std::deque<Open> open;
    const auto add = [&](int64_t start, int64_t end, uint64_t parent, uint32_t service, uint32_t name,
                         SpanKind kind) {
        spans.push_back(GeneratedSpan{start, end, spanIdOf(spans.size()), parent, service, name, kind,
                                      uniform(0, 99) == 0});
        return spans.size() - 1;
    };
    const int64_t base = 1773480000000000000;
    open.push_back(Open{add(base, base + 30'000'000'000, 0, 0, 0, SpanKind::Server), 0});
    while (!open.empty() && spans.size() < spanCount) {
        // Mostly depth first (deep call chains), sometimes breadth first (wide services).
        Open current;
        if (uniform(0, 3) == 0) {
            current = open.front();
            open.pop_front();
        } else {
            current = open.back();
            open.pop_back();
        }
        const GeneratedSpan parent = spans[current.span];
        const int64_t width = parent.end - parent.start;
        const auto children = uint32_t(uniform(1, 8));
        const bool parallel = uniform(0, 2) == 0;
        for (uint32_t c = 0; c < children && spans.size() < spanCount; ++c) {
            int64_t start;
            int64_t end;
            if (parallel) {
                start = parent.start + uniform(0, width / 10);
                end = start + uniform(width / 4, width * 8 / 10);
            } else {
                const int64_t slot = width / children;
                start = parent.start + slot * c + uniform(0, slot / 10);
                end = start + uniform(slot / 3, slot * 8 / 10);
            }
            end = std::max(end, start + 1);
            const int64_t choice = uniform(0, 9);
            if (choice < 6 && current.depth + 1 < kMaxDepth && spans.size() + 2 <= spanCount) {
                // A call: CLIENT in the caller, SERVER in the callee a little inside it.
                const auto callee = uint32_t(uniform(1, kServices - 1));
                const auto operation = uint32_t(uniform(0, kOperationsPerService - 1));
                const size_t client = add(start, end, parent.id, parent.service, operation, SpanKind::Client);
                const int64_t latency = (end - start) / 20;
                const size_t server = add(start + latency, end - latency, spans[client].id, callee, operation,
                                          SpanKind::Server);
                open.push_back(Open{server, current.depth + 2});
            } else {
                const SpanKind kind = choice < 8 ? SpanKind::Client : SpanKind::Internal;
                add(start, end, parent.id, parent.service, uint32_t(kOperationsPerService + choice), kind);
            }
        }
    }

    std::vector<uint32_t> order(spans.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return spans[a].start < spans[b].start; });
    TraceData trace;
    trace.resize(spans.size());
    std::vector<uint32_t> serviceString(kServices);
    for (uint32_t s = 0; s < kServices; ++s)
        serviceString[s] = trace.strings.add("service-" + std::to_string(s));
    std::vector<uint32_t> nameString(kOperationsPerService + 10);
    for (uint32_t o = 0; o < nameString.size(); ++o)
        nameString[o] = trace.strings.add("operation-" + std::to_string(o));
    trace.resources.push_back(TraceResource{});
    for (uint32_t s = 0; s < kServices; ++s)
        trace.resources.push_back(
            TraceResource{int64_t(s + 1), serviceString[s], trace.strings.add("host-" + std::to_string(s))});
    for (uint32_t i = 0; i < spans.size(); ++i) {
        const GeneratedSpan& span = spans[order[i]];
        trace.startNs[i] = span.start;
        trace.endNs[i] = span.end;
        trace.spanId[i] = span.id;
        trace.parentSpanId[i] = span.parent;
        trace.rowId[i] = int64_t(order[i]) + 1;
        trace.service[i] = serviceString[span.service];
        trace.name[i] = nameString[span.name];
        trace.resource[i] = span.service + 1;
        trace.kind[i] = span.kind;
        trace.status[i] = span.error ? StatusCode::Error : StatusCode::Unset;
        trace.flags[i] = span.error ? uint32_t(SpanFlag::Error) : 0u;
    }
    return trace;
}

struct Timing
{
    double best = 0;
    double median = 0;
};

Timing measure(int repetitions, const std::function<void()>& step)
{
    std::vector<double> ms;
    for (int r = 0; r < repetitions; ++r) {
        const auto begin = std::chrono::steady_clock::now();
        step();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    }
    std::sort(ms.begin(), ms.end());
    return Timing{ms.front(), ms[ms.size() / 2]};
}

void report(const char* step, const Timing& timing)
{
    std::printf("%-34s best %8.1f ms   median %8.1f ms\n", step, timing.best, timing.median);
}

} // namespace

int main(int argc, char** argv)
{
    const auto spanCount = uint32_t(argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000);
    const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    const auto generateBegin = std::chrono::steady_clock::now();
    const TraceData trace = generateTrace(spanCount);
    const double generateMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - generateBegin).count();

    SpanTree tree;
    SpanTimes times;
    CriticalPath path;
    std::vector<int64_t> self;
    TraceStatistics stats;
    WaterfallRows rows;
    FlameLayout flameLayout;
    FlameFrames frames;
    const Timing treeTime = measure(repetitions, [&] { tree = buildSpanTree(trace); });
    const Timing timesTime = measure(repetitions, [&] { times = effectiveTimes(trace, tree); });
    const Timing pathTime = measure(repetitions, [&] { path = computeCriticalPath(trace, tree, times); });
    const Timing selfTime = measure(repetitions, [&] { self = computeSelfTimes(tree, times); });
    const Timing statsTime = measure(
        repetitions, [&] { stats = computeStatistics(trace, tree, times, self, StatisticsKey::service()); });
    const Timing rowsTime = measure(repetitions, [&] {
        CollapseState collapse(trace.size());
        collapse.expandAll();
        rows = visibleRows(tree, collapse);
    });
    const Timing flameLayoutTime = measure(repetitions, [&] { flameLayout = buildFlameLayout(tree, times); });
    const double nsPerPixel = double(std::max<int64_t>(times.traceDuration(), 1)) / 1920.0;
    const Timing framesTime =
        measure(repetitions, [&] { frames = flameFrames(flameLayout, times, nsPerPixel); });

    std::printf("bench_layout: %zu spans, %u roots, depth %u, %zu critical-path sections, %zu service rows, "
                "%zu flame frames at 1920 px (generated in %.0f ms), %d repetitions\n",
                trace.size(), uint32_t(tree.roots.size()), tree.maxDepth + 1, path.sections.size(),
                stats.rows.size(), frames.frames.size(), generateMs, repetitions);
    report("span tree", treeTime);
    report("effective times", timesTime);
    report("critical path", pathTime);
    report("self time", selfTime);
    report("statistics (by service)", statsTime);
    report("waterfall rows (expand all)", rowsTime);
    report("flame layout (per trace)", flameLayoutTime);
    report("flame frames (one zoom, 1920 px)", framesTime);
    const double required = treeTime.median + timesTime.median + pathTime.median + selfTime.median +
                            statsTime.median + rowsTime.median;
    std::printf("%-34s          %8s   median %8.1f ms   (target: well under 500 ms)\n",
                "tree+times+path+self+stats+rows", "", required);

    // Beyond the target, for the record.
    const StatisticsKey operation = StatisticsKey::operation();
    report("statistics (service, operation)", measure(repetitions, [&] {
               stats = computeStatistics(trace, tree, times, self, StatisticsKey::service(), &operation);
           }));
    report("errors and root causes", measure(repetitions, [&] { (void)analyzeErrors(trace, tree); }));
    report("clock-skew adjustment", measure(repetitions, [&] {
               SpanTimes copy = times;
               (void)adjustClockSkew(trace, tree, copy, 60'000'000'000);
           }));
    report("icicle", measure(repetitions, [&] { (void)buildIcicle(trace, tree, times, self); }));
    report("service graph", measure(repetitions, [&] { (void)buildServiceGraph(trace, tree, times); }));
    return 0;
}
