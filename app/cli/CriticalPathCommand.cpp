// SPDX-License-Identifier: MIT
// spanscope critical-path FILE [--trace ID] [--json]: the critical path of a trace (Jaeger UI's
// algorithm, plus the paths of orphan subtrees), section by section from the start of the trace
// to its end.
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "JsonOutput.h"
#include "TerminalText.h"
#include "layout/TraceAnalysis.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"

namespace spanscope::cli {

namespace {

std::string durationText(int64_t ns)
{
    char text[32];
    if (ns < 1'000'000)
        std::snprintf(text, sizeof text, "%.1f us", double(ns) / 1e3);
    else if (ns < 1'000'000'000)
        std::snprintf(text, sizeof text, "%.3f ms", double(ns) / 1e6);
    else
        std::snprintf(text, sizeof text, "%.3f s", double(ns) / 1e9);
    return text;
}

// The root whose walk produced each section, for the JSON (orphan subtrees have their own).
std::vector<uint32_t> rootOfSections(const TraceAnalysis& analysis)
{
    const CriticalPath& path = analysis.criticalPath;
    std::vector<uint32_t> roots;
    for (size_t r = 0; r + 1 < path.rootBegin.size(); ++r) {
        const uint32_t count = path.rootBegin[r + 1] - path.rootBegin[r];
        roots.insert(roots.end(), count, analysis.tree.roots[r]);
    }
    return roots;
}

} // namespace

int runCriticalPath(const ParsedArguments& args)
{
    int status = Success;
    const auto loaded = loadOneTrace(args, AnalysisOptions{}, TraceNeeds::CriticalPath, status);
    if (!loaded)
        return status;
    const auto& analysis = loaded->analysis;
    const TraceData& trace = analysis->data;
    const CriticalPath& path = analysis->criticalPath;

    // Path order: each root's walk reversed (Jaeger lists it from the end backwards).
    const std::vector<uint32_t> sectionRoots = rootOfSections(*analysis);
    std::vector<size_t> order;
    order.reserve(path.sections.size());
    for (size_t r = 0; r + 1 < path.rootBegin.size(); ++r) {
        for (uint32_t k = path.rootBegin[r + 1]; k-- > path.rootBegin[r];)
            order.push_back(k);
    }
    int64_t onPath = 0;
    for (const CriticalPathSection& section : path.sections)
        onPath += section.end - section.start;

    if (args.flag("json")) {
        nlohmann::json sections = nlohmann::json::array();
        for (const size_t k : order) {
            const CriticalPathSection& s = path.sections[k];
            sections.push_back({
                {"span_id", toHex64(trace.spanId[s.span])},
                {"start_ns", s.start},
                {"end_ns", s.end},
                {"duration_ns", s.end - s.start},
                {"service", std::string(trace.strings.at(trace.service[s.span]))},
                {"operation", std::string(trace.strings.at(trace.name[s.span]))},
                {"root_span_id", toHex64(trace.spanId[sectionRoots[k]])},
            });
        }
        printJson({
            {"path", loaded->file.outcome.path},
            {"trace_id", toHex128(trace.traceId)},
            {"span_count", trace.size()},
            {"trace_start_ns", analysis->times.traceStart},
            {"duration_ns", analysis->times.traceDuration()},
            {"critical_path_ns", onPath},
            {"root_count", analysis->tree.roots.size()},
            {"orphan_count", analysis->tree.orphanCount},
            {"incomplete", analysis->tree.isIncomplete()},
            {"sections", std::move(sections)},
        });
        return Success;
    }

    std::printf("%s: trace %s, %zu span(s), %s; critical path: %zu section(s), %s\n",
                terminalSafe(loaded->file.outcome.path, 1000).c_str(), toHex128(trace.traceId).c_str(),
                trace.size(), durationText(analysis->times.traceDuration()).c_str(), path.sections.size(),
                durationText(onPath).c_str());
    if (analysis->tree.isIncomplete())
        std::printf(
            "  [incomplete: %u span(s) with missing parents; their subtrees have paths of their own]\n",
            analysis->tree.orphanCount);
    std::printf("  %-16s %20s %20s %12s  %s\n", "SPAN ID", "START NS", "END NS", "DURATION",
                "SERVICE: OPERATION");
    for (const size_t k : order) {
        const CriticalPathSection& s = path.sections[k];
        const std::string_view service = trace.strings.at(trace.service[s.span]);
        std::printf("  %-16s %20lld %20lld %12s  %s: %s\n", toHex64(trace.spanId[s.span]).c_str(),
                    (long long)s.start, (long long)s.end, durationText(s.end - s.start).c_str(),
                    terminalSafe(service.empty() ? "(unknown service)" : service).c_str(),
                    terminalSafe(trace.strings.at(trace.name[s.span])).c_str());
    }
    return Success;
}

} // namespace spanscope::cli
