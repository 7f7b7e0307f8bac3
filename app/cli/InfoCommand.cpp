// SPDX-License-Identifier: MIT
// spanscope info FILE... [--json]: what each file holds, trace by trace.
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "JsonOutput.h"
#include "TerminalText.h"
#include "model/TraceListReader.h"
#include "model/Workspace.h"

#include <ctime>

namespace spanscope::cli {

namespace {

std::string isoTime(int64_t unixNs)
{
    const auto seconds = time_t(unixNs / 1'000'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06lldZ", (long long)((unixNs % 1'000'000'000) / 1000));
    return std::string(text) + fraction;
}

std::string durationText(int64_t ns)
{
    char text[32];
    if (ns < 1'000'000)
        std::snprintf(text, sizeof text, "%.1f us", double(ns) / 1e3);
    else if (ns < 1'000'000'000)
        std::snprintf(text, sizeof text, "%.2f ms", double(ns) / 1e6);
    else
        std::snprintf(text, sizeof text, "%.3f s", double(ns) / 1e9);
    return text;
}

nlohmann::json traceJson(const TraceSummary& trace)
{
    return {
        {"trace_id", toHex128(trace.traceId)}, {"span_count", trace.spanCount},
        {"service_count", trace.serviceCount}, {"error_count", trace.errorCount},
        {"root_service", trace.rootService},   {"root_operation", trace.rootName},
        {"start_ns", trace.startNs},           {"start", isoTime(trace.startNs)},
        {"duration_ns", trace.durationNs()},   {"orphan_count", trace.orphanCount},
        {"incomplete", trace.isIncomplete()},
    };
}

void printText(const ImportOutcome& outcome, const std::vector<TraceSummary>& traces)
{
    std::printf("%s: %s%s%s, %llu trace(s), %llu span(s)%s\n", terminalSafe(outcome.path, 1000).c_str(),
                outcome.format.c_str(), outcome.variant.empty() ? "" : " (",
                (outcome.variant.empty() ? "" : (outcome.variant + ")").c_str()),
                (unsigned long long)outcome.traces, (unsigned long long)outcome.spans,
                outcome.status == ImportOutcome::Status::Reused ? " [cached]" : "");
    if (!traces.empty())
        std::printf("  %-32s %7s %8s %6s %12s  %-24s %s\n", "TRACE ID", "SPANS", "SERVICES", "ERRORS",
                    "DURATION", "START (UTC)", "ROOT");
    for (const TraceSummary& trace : traces) {
        std::printf(
            "  %-32s %7lld %8lld %6lld %12s  %-24s %s: %s%s\n", toHex128(trace.traceId).c_str(),
            (long long)trace.spanCount, (long long)trace.serviceCount, (long long)trace.errorCount,
            durationText(trace.durationNs()).c_str(), isoTime(trace.startNs).substr(0, 23).c_str(),
            terminalSafe(trace.rootService.empty() ? "(unknown service)" : trace.rootService).c_str(),
            terminalSafe(trace.rootName).c_str(),
            trace.isIncomplete()
                ? ("  [incomplete: " + std::to_string(trace.orphanCount) + " missing parent(s)]").c_str()
                : "");
    }
    if (outcome.warningCount > 0) {
        std::printf("  %llu warning(s)%s:\n", (unsigned long long)outcome.warningCount,
                    outcome.warningCount > outcome.warnings.size() ? ", the first ones" : "");
        for (const ImportMessage& warning : outcome.warnings)
            std::printf("    %s\n", terminalSafe(warning.text, 500).c_str());
    }
}

} // namespace

int runInfo(const ParsedArguments& args)
{
    std::string error;
    auto workspace = openCommandWorkspace(args, WorkspaceUser::Command, error);
    if (!workspace) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(error, 4000).c_str());
        return Failure;
    }
    const bool json = args.flag("json");
    nlohmann::json files = nlohmann::json::array();
    int status = Success;
    for (const std::string& path : args.positional()) {
        const auto outcome = importForCommand(*workspace, path, args);
        if (!outcome) {
            status = BadInput;
            if (json)
                files.push_back({{"path", path}, {"error", "failed"}});
            continue;
        }
        TraceQuery query;
        query.sources = {outcome->sourceId};
        const std::vector<TraceSummary> traces = TraceListReader(workspace->workspace->db()).list(query);
        if (!json) {
            printText(*outcome, traces);
            continue;
        }
        nlohmann::json file = {
            {"path", outcome->path},          {"format", outcome->format},
            {"variant", outcome->variant},    {"cached", outcome->status == ImportOutcome::Status::Reused},
            {"trace_count", outcome->traces}, {"span_count", outcome->spans},
        };
        nlohmann::json warnings = nlohmann::json::array();
        for (const ImportMessage& warning : outcome->warnings)
            warnings.push_back(warning.text);
        file["warning_count"] = outcome->warningCount;
        file["warnings"] = std::move(warnings);
        nlohmann::json list = nlohmann::json::array();
        for (const TraceSummary& trace : traces)
            list.push_back(traceJson(trace));
        file["traces"] = std::move(list);
        files.push_back(std::move(file));
    }
    if (json)
        printJson({{"files", std::move(files)}});
    return status;
}

} // namespace spanscope::cli
