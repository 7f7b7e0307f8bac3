// SPDX-License-Identifier: MIT
// spanscope stats FILE [--trace ID] [--group-by service|operation|KEY] [--subgroup-by ...] [--json]:
// Jaeger's trace statistics table (count, total, avg, min, max, the same for self time, and self
// time as a percentage of the trace's duration).
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "JsonOutput.h"
#include "TerminalText.h"
#include "layout/SelfTime.h"
#include "layout/Statistics.h"
#include "layout/TraceAnalysis.h"
#include "model/AttributeColumnReader.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"

#include <optional>

namespace spanscope::cli {

namespace {

std::string durationText(double ns)
{
    char text[32];
    if (ns < 1e6)
        std::snprintf(text, sizeof text, "%.1f us", ns / 1e3);
    else if (ns < 1e9)
        std::snprintf(text, sizeof text, "%.3f ms", ns / 1e6);
    else
        std::snprintf(text, sizeof text, "%.3f s", ns / 1e9);
    return text;
}

// A key and, for an attribute, its values read from the workspace (layout does no SQL).
struct ResolvedKey
{
    StatisticsKey key;
    std::unique_ptr<AttributeColumn> column;
};

std::optional<ResolvedKey> resolveKey(const std::string& name, sql::Database& db, const TraceData& trace,
                                      std::string& error)
{
    ResolvedKey resolved;
    if (name == "service") {
        resolved.key = StatisticsKey::service();
        return resolved;
    }
    if (name == "operation") {
        resolved.key = StatisticsKey::operation();
        return resolved;
    }
    auto column = readAttributeColumn(db, trace, {name});
    if (!column) {
        error = column.error();
        return std::nullopt;
    }
    resolved.column = std::make_unique<AttributeColumn>(std::move(*column));
    resolved.key = StatisticsKey::byAttribute(name, *resolved.column);
    return resolved;
}

nlohmann::json rowJson(const StatisticsRow& row)
{
    nlohmann::json json = {
        {"name", row.name},           {"has_value", row.hasValue},
        {"count", row.count},         {"total_ns", row.total},
        {"avg_ns", row.avg},          {"min_ns", row.min},
        {"max_ns", row.max},          {"self_total_ns", row.selfTotal},
        {"self_avg_ns", row.selfAvg}, {"self_min_ns", row.selfMin},
        {"self_max_ns", row.selfMax}, {"self_percent_of_trace", row.selfPercent},
    };
    if (!row.subRows.empty()) {
        nlohmann::json subRows = nlohmann::json::array();
        for (const StatisticsRow& sub : row.subRows)
            subRows.push_back(rowJson(sub));
        json["subrows"] = std::move(subRows);
    }
    return json;
}

void printRow(const StatisticsRow& row, int indent)
{
    const std::string name = std::string(size_t(indent), ' ') + terminalSafe(row.name, 60);
    std::printf("  %-40s %7u %11s %11s %11s %11s %11s %11s %11s %11s %7.2f\n", name.c_str(), row.count,
                durationText(double(row.total)).c_str(), durationText(row.avg).c_str(),
                durationText(double(row.min)).c_str(), durationText(double(row.max)).c_str(),
                durationText(double(row.selfTotal)).c_str(), durationText(row.selfAvg).c_str(),
                durationText(double(row.selfMin)).c_str(), durationText(double(row.selfMax)).c_str(),
                row.selfPercent);
    for (const StatisticsRow& sub : row.subRows)
        printRow(sub, indent + 2);
}

} // namespace

int runStats(const ParsedArguments& args)
{
    // Empty keys were refused by the parser (Commands.cpp).
    const std::string groupBy = args.value("group-by").value_or("service");
    const std::optional<std::string> subgroupBy = args.value("subgroup-by");
    int status = Success;
    auto loaded = loadOneTrace(args, AnalysisOptions{}, TraceNeeds::SelfTime, status);
    if (!loaded)
        return status;
    const auto& analysis = loaded->analysis;
    sql::Database& db = loaded->file.db();
    std::string error;
    auto key = resolveKey(groupBy, db, analysis->data, error);
    std::optional<ResolvedKey> subKey;
    if (key && subgroupBy)
        subKey = resolveKey(*subgroupBy, db, analysis->data, error);
    if (!key || (subgroupBy && !subKey)) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(error, 4000).c_str());
        return Failure;
    }
    const TraceStatistics stats =
        computeStatistics(analysis->data, analysis->tree, analysis->times, analysis->selfTime, key->key,
                          subKey ? &subKey->key : nullptr);

    if (args.flag("json")) {
        nlohmann::json rows = nlohmann::json::array();
        for (const StatisticsRow& row : stats.rows)
            rows.push_back(rowJson(row));
        nlohmann::json out = {
            {"path", loaded->file.outcome.path},        {"trace_id", toHex128(analysis->data.traceId)},
            {"span_count", analysis->data.size()},      {"group_by", groupBy},
            {"trace_duration_ns", stats.traceDuration}, {"rows", std::move(rows)},
        };
        if (subgroupBy)
            out["subgroup_by"] = *subgroupBy;
        printJson(out);
        return Success;
    }

    std::printf("%s: trace %s, %zu span(s), %s; by %s%s\n",
                terminalSafe(loaded->file.outcome.path, 1000).c_str(),
                toHex128(analysis->data.traceId).c_str(), analysis->data.size(),
                durationText(double(stats.traceDuration)).c_str(), terminalSafe(groupBy).c_str(),
                subgroupBy ? (", then " + terminalSafe(*subgroupBy)).c_str() : "");
    std::printf("  %-40s %7s %11s %11s %11s %11s %11s %11s %11s %11s %7s\n",
                terminalSafe(groupBy, 40).c_str(), "COUNT", "TOTAL", "AVG", "MIN", "MAX", "SELF TOTAL",
                "SELF AVG", "SELF MIN", "SELF MAX", "SELF %");
    for (const StatisticsRow& row : stats.rows)
        printRow(row, 0);
    std::printf(
        "  SELF %%: self total as a percentage of the trace's duration (parallel spans can add up to more "
        "than 100)\n");
    return Success;
}

} // namespace spanscope::cli
