// SPDX-License-Identifier: MIT
// Import speed, stage by stage, on one file: the raw read, the JSON scanner alone, parsing into a
// sink that keeps nothing, and the full import into a fresh workspace (parse + store + index +
// summaries). Prints one line per stage: seconds, MB/s, spans/s, peak RSS so far.
//   bench_import FILE [--repeat N]
#include "importers/ImportPipeline.h"
#include "importers/ImportRunner.h"
#include "importers/io/ByteSource.h"
#include "importers/json/JsonScanner.h"
#include "model/TraceLoader.h"
#include "model/TraceSearch.h"
#include "model/Workspace.h"

#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sys/resource.h>

using namespace spanscope;

namespace {

class NullSink : public SpanSink
{
public:
    ResourceRef addResource(const ResourceRecord&) override { return ++m_refs; }
    ResourceRef declareResource() override { return ++m_refs; }
    void defineResource(ResourceRef, const ResourceRecord&) override {}
    ScopeRef addScope(const ScopeRecord&) override { return 1; }
    ScopeRef declareScope() override { return 1; }
    void defineScope(ScopeRef, const ScopeRecord&) override {}
    void addSpan(const SpanRecord& span) override { checksum += span.startNs + span.attributes.size(); }
    void addWarning(const ImportMessage&) override {}
    uint64_t checksum = 0;

private:
    ResourceRef m_refs = 0;
};

long minorFaults()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void report(const char* stage, double s, uint64_t bytes, uint64_t spans)
{
    std::printf("%-28s %8.3f s %9.1f MB/s %12.0f spans/s   peak RSS %ld MB\n", stage, s,
                double(bytes) / 1e6 / s, spans ? double(spans) / s : 0.0, peakRssMb());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_import FILE [--full-only]\n");
        return 2;
    }
    const std::string path = argv[1];
    const bool fullOnly = argc > 2 && std::strcmp(argv[2], "--full-only") == 0;
    ImportLimits limits;
    uint64_t bytes = 0;
    uint64_t spans = 0;

    if (!fullOnly) {
        auto start = std::chrono::steady_clock::now();
        {
            auto source = openFileSource(path);
            std::vector<char> buffer(4 << 20);
            while (const size_t n = source->read(buffer.data(), buffer.size()))
                bytes += n;
        }
        report("read", seconds(start), bytes, 0);

        start = std::chrono::steady_clock::now();
        {
            auto source = openFileSource(path);
            JsonScanner scanner(*source, limits);
            while (scanner.nextDocument())
                scanner.skipValue();
        }
        report("scan (skip everything)", seconds(start), bytes, 0);

        start = std::chrono::steady_clock::now();
        NullSink sink;
        const StreamInfo info = importStream(openFileSource(path), sink, limits);
        spans = info.spans;
        report("parse into a null sink", seconds(start), bytes, spans);
    }

    QTemporaryDir directory;
    auto workspace = Workspace::open(directory.filePath(QStringLiteral("bench.spanscope")).toStdString(),
                                     Workspace::OpenMode::CreateIfMissing);
    if (!workspace) {
        std::fprintf(stderr, "%s\n", workspace.error().c_str());
        return 1;
    }
    auto start = std::chrono::steady_clock::now();
    ImportOptions options;
    options.reuseCached = false;
    // Stage by stage: when each stage of the commit starts.
    std::string lastStage = "reading";
    auto stageStart = start;
    const auto progress = [&](const ImportProgress& p) {
        if (lastStage != p.stage) {
            std::printf("  %-26s %8.3f s\n", lastStage.c_str(), seconds(stageStart));
            lastStage = p.stage;
            stageStart = std::chrono::steady_clock::now();
        }
    };
    const ImportOutcome outcome = importFile(**workspace, path, options, progress);
    std::printf("  %-26s %8.3f s\n", lastStage.c_str(), seconds(stageStart));
    if (!outcome.succeeded()) {
        std::fprintf(stderr, "%s\n", outcome.error.c_str());
        return 1;
    }
    const double importSeconds = seconds(start);
    // With --full-only nothing above read the file: its size gives the rate.
    report("full import (workspace)", importSeconds,
           bytes ? bytes : uint64_t(std::filesystem::file_size(path)), outcome.spans);
    std::printf("RESULT import_s %.3f\nRESULT import_spans %llu\nRESULT import_peak_rss_mb %ld\n",
                importSeconds, (unsigned long long)outcome.spans, peakRssMb());

    // Reopening: a new connection, the biggest trace into arrays, as opening the dump again does.
    const std::string workspacePath = (*workspace)->path();
    workspace->reset();
    double best = 1e9;
    long faultsOfBest = 0;
    for (int round = 0; round < 3; ++round) {
        const long faultsBefore = minorFaults();
        start = std::chrono::steady_clock::now();
        auto reopened = Workspace::open(workspacePath, Workspace::OpenMode::ExistingOnly);
        const int64_t trace =
            (*reopened)->db().queryInt("SELECT id FROM traces ORDER BY span_count DESC LIMIT 1");
        const auto data = TraceLoader((*reopened)->db()).load(trace);
        const double took = seconds(start);
        if (took < best) {
            best = took;
            faultsOfBest = minorFaults() - faultsBefore;
        }
        if (round == 0)
            std::printf("reopen: the %zu-span trace into arrays\n", data ? data->size() : size_t(0));
    }
    // Page faults tell whether the arrays landed in memory the allocator had to map afresh.
    std::printf("reopen (best of 3)            %8.3f s  = %.2f %% of the import, %ld page faults\n", best,
                best / importSeconds * 100, faultsOfBest);
    std::printf("RESULT reopen_s %.4f\n", best);

    // Find in the opened trace (Ctrl+F): names only, then names and attribute keys and values.
    auto reopened = Workspace::open(workspacePath, Workspace::OpenMode::ExistingOnly);
    const int64_t trace =
        (*reopened)->db().queryInt("SELECT id FROM traces ORDER BY span_count DESC LIMIT 1");
    const auto data = TraceLoader((*reopened)->db()).load(trace);
    for (const bool attributes : {false, true}) {
        SearchQuery query;
        query.text = "cart";
        query.inAttributes = attributes;
        start = std::chrono::steady_clock::now();
        const SearchResult found = searchTrace((*reopened)->db(), *data, query);
        const double ms = seconds(start) * 1000;
        std::printf("find \"cart\" in %s: %u matches in %.1f ms\n",
                    attributes ? "names and attributes" : "services and operations", found.matchCount, ms);
        std::printf("RESULT find_%s_ms %.2f\n", attributes ? "attributes" : "names", ms);
    }
    return 0;
}
