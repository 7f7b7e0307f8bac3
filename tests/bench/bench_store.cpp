// SPDX-License-Identifier: MIT
// The workspace store on its own (no parsing): writing N spans with ~6 attributes each and 20
// services through WorkspaceWriter, opening the biggest trace into arrays, and searching spans by
// attribute key and value. With --eav it also measures the rejected alternative attribute layout
// (one row per attribute in an indexed table) on the same spans, for docs/PERFORMANCE.md.
//   bench_store [--spans N] [--eav]
#include "generator/TraceGenerator.h"
#include "model/AttributeCodec.h"
#include "model/AttributeSearch.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"
#include "model/WorkspaceWriter.h"

#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>

using namespace spanscope;
using namespace spanscope::bench;

namespace {

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void encodeAttributes(AttributeEncoder& encoder, const std::vector<GeneratedAttribute>& attributes)
{
    encoder.clear();
    for (const GeneratedAttribute& a : attributes) {
        switch (a.type) {
        case GeneratedAttribute::Type::String:
            encoder.addString(a.key, a.text);
            break;
        case GeneratedAttribute::Type::Int:
            encoder.addInt(a.key, a.intValue);
            break;
        case GeneratedAttribute::Type::Double:
            encoder.addDouble(a.key, a.doubleValue);
            break;
        case GeneratedAttribute::Type::Bool:
            encoder.addBool(a.key, a.boolValue);
            break;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    uint64_t spans = 1'000'000;
    bool eav = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--spans") == 0 && i + 1 < argc)
            spans = std::strtoull(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--eav") == 0)
            eav = true;
    }
    QTemporaryDir directory;
    const std::string path = directory.filePath(QStringLiteral("bench.spanscope")).toStdString();
    auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    if (!workspace)
        return 1;

    // Generate first (not timed), then write.
    GeneratorOptions options;
    options.spans = spans;
    options.services = 20;
    std::vector<GeneratedSpan> generated;
    generated.reserve(spans);
    TraceGenerator(options).run([&](const GeneratedSpan& span) {
        generated.push_back(span);
        return true;
    });
    const long rssBefore = peakRssMb();

    const auto writeStart = std::chrono::steady_clock::now();
    int64_t sourceId = 0;
    {
        const auto file = FileIdentity{"/bench/generated.json", int64_t(spans), 1};
        WorkspaceWriter writer(**workspace, file);
        std::vector<ResourceRef> resources;
        for (uint32_t s = 0; s < options.services; ++s) {
            AttributeEncoder resourceAttributes;
            const std::string name = TraceGenerator::serviceName(s);
            resourceAttributes.addString("service.name", name);
            resourceAttributes.addString("host.name", "host-" + std::to_string(s % 7));
            resources.push_back(writer.addResource(ResourceRecord{name, resourceAttributes.data(), 0}));
        }
        const ScopeRef scope = writer.addScope(ScopeRecord{"bench", "1", {}});
        AttributeEncoder attributes;
        for (const GeneratedSpan& g : generated) {
            encodeAttributes(attributes, g.attributes);
            SpanRecord span;
            span.traceId = TraceId{g.traceHigh, g.traceLow};
            span.spanId = g.spanId;
            span.parentSpanId = g.parentSpanId;
            span.name = g.name;
            span.kind = SpanKind(g.kind);
            span.startNs = g.startNs;
            span.endNs = g.endNs;
            span.status = g.error ? StatusCode::Error : StatusCode::Unset;
            span.flags = g.error ? uint32_t(SpanFlag::Error) : 0u;
            span.attributes = attributes.data();
            span.resource = resources[g.service];
            span.scope = scope;
            writer.addSpan(span);
        }
        const double inserted = since(writeStart);
        auto stageStart = std::chrono::steady_clock::now();
        std::string stageName = "service fix-up";
        writer.setStageCallback([&](const char* stage) {
            std::printf("  commit stage %-16s %.3f s\n", stageName.c_str(), since(stageStart));
            stageName = stage;
            stageStart = std::chrono::steady_clock::now();
        });
        sourceId = writer.commit(0, "bench", "");
        std::printf("  commit stage %-16s %.3f s\n", stageName.c_str(), since(stageStart));
        const double total = since(writeStart);
        std::printf(
            "write %llu spans: insert %.3f s, commit (packs, summaries) %.3f s, total %.3f s, %.0f spans/s, "
            "peak RSS %ld MB (%ld MB before writing)\n",
            (unsigned long long)spans, inserted, total - inserted, total, double(spans) / total, peakRssMb(),
            rssBefore);
    }

    // Reopen: a fresh connection, as a new window would.
    workspace->reset();
    auto reopened = Workspace::open(path, Workspace::OpenMode::ExistingOnly);
    const int64_t traceRow =
        (*reopened)->db().queryInt("SELECT id FROM traces ORDER BY span_count DESC LIMIT 1");
    for (int round = 0; round < 3; ++round) {
        const auto loadStart = std::chrono::steady_clock::now();
        TraceLoader loader((*reopened)->db());
        const auto trace = loader.load(traceRow);
        std::printf("open the %zu-span trace into arrays: %.1f ms (%s)\n", trace ? trace->size() : 0,
                    since(loadStart) * 1000, loader.lastLoadUsedPack() ? "pack" : "rebuilt from rows");
    }

    for (int round = 0; round < 2; ++round) {
        const auto searchStart = std::chrono::steady_clock::now();
        const auto found =
            findSpansWithAttribute((*reopened)->db(), sourceId, "http.route", "/api/v1/cart", 0);
        std::printf("search all spans for http.route=/api/v1/cart: %zu spans in %.1f ms\n", found.size(),
                    since(searchStart) * 1000);
    }

    if (eav) {
        // The alternative: one row per attribute, indexed by (key, value).
        auto& db = (*reopened)->db();
        db.exec("CREATE TABLE eav(span INTEGER, key TEXT, value)");
        const auto eavStart = std::chrono::steady_clock::now();
        {
            sql::Transaction transaction(db);
            auto insert = db.prepare("INSERT INTO eav(span, key, value) VALUES(?1, ?2, ?3)");
            AttributeEncoder attributes;
            int64_t row = 1;
            for (const GeneratedSpan& g : generated) {
                for (const GeneratedAttribute& a : g.attributes) {
                    insert.bind(1, row).bindText(2, a.key, false);
                    if (a.type == GeneratedAttribute::Type::String)
                        insert.bindText(3, a.text, false);
                    else
                        insert.bind(3, a.type == GeneratedAttribute::Type::Double ? int64_t(a.doubleValue)
                                                                                  : a.intValue);
                    insert.run();
                }
                ++row;
            }
            db.exec("CREATE INDEX eav_by_key_value ON eav(key, value)");
            transaction.commit();
        }
        std::printf("alternative layout, one row per attribute: insert + index %.3f s\n", since(eavStart));
        const auto searchStart = std::chrono::steady_clock::now();
        const int64_t count =
            db.queryInt("SELECT count(*) FROM eav WHERE key = 'http.route' AND value = '/api/v1/cart'");
        std::printf("alternative layout search: %lld spans in %.1f ms\n", (long long)count,
                    since(searchStart) * 1000);
    }
    return 0;
}
