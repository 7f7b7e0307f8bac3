// SPDX-License-Identifier: MIT
// WorkspaceWriter: what an import leaves in the workspace (summaries, packs, services resolved
// after the fact), that an unfinished import leaves nothing, that the over-budget path and the
// pipelined path give the same result as the direct one.
#include "TestSupport.h"
#include "model/AttributeCodec.h"
#include "model/PipelinedSink.h"
#include "model/TraceListReader.h"
#include "model/TraceLoader.h"
#include "model/WorkspaceWriter.h"

#include <QTest>

using namespace spanscope;

namespace {

const TraceId kTrace{0x1111, 0x2222};
const TraceId kOther{0, 0x77};

// A small trace written through any sink: a resource declared before its spans and described
// after them (as Jaeger does), an orphan, an error, events, links, and a second trace.
void writeFixture(SpanSink& sink)
{
    AttributeEncoder attributes;
    attributes.addString("service.name", "late");
    attributes.addString("host.name", "box-1");
    const ResourceRef early = sink.addResource(ResourceRecord{"early", {}, 0});
    const ResourceRef late = sink.declareResource();
    const ScopeRef scope = sink.addScope(ScopeRecord{"lib", "1.0", {}});

    SpanRecord span;
    span.traceId = kTrace;
    span.scope = scope;
    const auto add = [&](uint64_t id, uint64_t parent, const char* name, int64_t start, int64_t end,
                         ResourceRef resource, uint32_t flags = 0) {
        span.spanId = id;
        span.parentSpanId = parent;
        span.name = name;
        span.startNs = start;
        span.endNs = end;
        span.resource = resource;
        span.flags = flags;
        span.status = (flags & SpanFlag::Error) ? StatusCode::Error : StatusCode::Unset;
        sink.addSpan(span);
    };
    AttributeEncoder spanAttributes;
    spanAttributes.addInt("http.response.status_code", 503);
    span.attributes = spanAttributes.data();
    const EventRecord events[] = {{150, "retry", {}, 0}};
    span.events = events;
    add(2, 1, "child", 150, 300, late, SpanFlag::Error); // written before its parent
    span.events = {};
    span.attributes = {};
    add(1, 0, "root", 100, 400, early);
    add(3, 99, "orphan", 200, 250, late);
    span.traceId = kOther;
    add(7, 0, "other root", 1000, 2000, early);
    sink.defineResource(late, ResourceRecord{"late", attributes.data(), 0});
    sink.addWarning(ImportMessage{SourceLocation{10, 2, 3}, "something odd"});
}

struct Written
{
    test::TemporaryWorkspace temporary;
    int64_t sourceId = 0;
};

void checkFixture(Workspace& workspace, int64_t sourceId)
{
    sql::Database& db = workspace.db();
    TraceQuery query;
    query.sources = {sourceId};
    query.sort = TraceQuery::SortKey::Spans;
    query.descending = true;
    const auto traces = TraceListReader(db).list(query);
    QCOMPARE(traces.size(), size_t(2));
    const TraceSummary& trace = traces[0];
    QCOMPARE(trace.traceId, kTrace);
    QCOMPARE(trace.spanCount, int64_t(3));
    QCOMPARE(trace.serviceCount, int64_t(2));
    QCOMPARE(trace.errorCount, int64_t(1));
    QCOMPARE(trace.orphanCount, int64_t(1));
    QCOMPARE(trace.startNs, int64_t(100));
    QCOMPARE(trace.endNs, int64_t(400));
    QCOMPARE(trace.rootService, std::string("early"));
    QCOMPARE(trace.rootName, std::string("root"));

    // The span written before its resource was described has its service in the table too.
    QCOMPARE(
        db.queryInt("SELECT count(*) FROM spans s JOIN strings t ON t.id = s.service WHERE t.text = 'late'"),
        int64_t(2));
    QCOMPARE(db.queryInt("SELECT count(*) FROM events"), int64_t(1));
    QCOMPARE(db.queryInt("SELECT warning_count FROM sources"), int64_t(1));

    TraceLoader loader(db);
    const auto data = loader.load(trace.traceRow);
    QVERIFY(data);
    QVERIFY(loader.lastLoadUsedPack());
    QCOMPARE(data->size(), size_t(3));
    // Start order: root (100), child (150), orphan (200).
    QCOMPARE(data->spanId, (std::vector<uint64_t>{1, 2, 3}));
    QCOMPARE(data->parentSpanId, (std::vector<uint64_t>{0, 1, 99}));
    QCOMPARE(std::string(data->strings.at(data->service[1])), std::string("late"));
    QCOMPARE(std::string(data->strings.at(data->name[2])), std::string("orphan"));
    QCOMPARE(data->flags[1], uint32_t(SpanFlag::Error));
    QCOMPARE(data->status[1], StatusCode::Error);
    const TraceResource& resource = data->resources[data->resource[1]];
    QCOMPARE(std::string(data->strings.at(resource.host)), std::string("box-1"));
    QCOMPARE(std::string(data->strings.at(resource.service)), std::string("late"));
    QCOMPARE(db.queryInt("SELECT first_span FROM sources"),
             data->rowId[0] - 1); // the child was the first row
}

} // namespace

class WriterTest : public QObject
{
    Q_OBJECT

private slots:
    void writesSummariesAndPacks()
    {
        test::TemporaryWorkspace temporary;
        int64_t source = 0;
        {
            WorkspaceWriter writer(*temporary.workspace, FileIdentity{"/f.json", 1, 1});
            writeFixture(writer);
            QCOMPARE(writer.spanCount(), uint64_t(4));
            source = writer.commit(5, "otlp-json", "");
        }
        checkFixture(*temporary.workspace, source);
    }

    void theTableFallbackGivesTheSameResult()
    {
        test::TemporaryWorkspace temporary;
        int64_t source = 0;
        {
            WriterOptions options;
            options.packMemoryBudget = 100; // two entries at most: forces the SQL path
            WorkspaceWriter writer(*temporary.workspace, FileIdentity{"/f.json", 1, 1}, options);
            writeFixture(writer);
            QVERIFY(writer.overBudget());
            source = writer.commit(5, "otlp-json", "");
        }
        checkFixture(*temporary.workspace, source);
    }

    void thePipelineGivesTheSameResult()
    {
        test::TemporaryWorkspace temporary;
        int64_t source = 0;
        {
            WorkspaceWriter writer(*temporary.workspace, FileIdentity{"/f.json", 1, 1});
            {
                PipelinedSink pipeline(writer, 64); // tiny batches: many hand-overs
                writeFixture(pipeline);
                pipeline.finish();
            }
            source = writer.commit(5, "otlp-json", "");
        }
        checkFixture(*temporary.workspace, source);
    }

    void anUnfinishedImportLeavesNothing()
    {
        test::TemporaryWorkspace temporary;
        {
            WorkspaceWriter writer(*temporary.workspace, FileIdentity{"/f.json", 1, 1});
            writeFixture(writer);
            // No commit: an error or a cancel upstream.
        }
        sql::Database& db = temporary.workspace->db();
        for (const char* table : {"sources", "traces", "spans", "events", "resources", "scopes",
                                  "trace_packs", "strings", "source_warnings"}) {
            QCOMPARE(db.queryInt((std::string("SELECT count(*) FROM ") + table).c_str()), int64_t(0));
        }
    }

    void aWriterFailureReachesTheImporterThread()
    {
        // A sink that fails on its third span, as a full disk would.
        struct Failing : SpanSink
        {
            int spans = 0;
            ResourceRef addResource(const ResourceRecord&) override { return 1; }
            ResourceRef declareResource() override { return 2; }
            void defineResource(ResourceRef, const ResourceRecord&) override {}
            ScopeRef addScope(const ScopeRecord&) override { return 1; }
            ScopeRef declareScope() override { return 1; }
            void defineScope(ScopeRef, const ScopeRecord&) override {}
            void addSpan(const SpanRecord&) override
            {
                if (++spans == 3)
                    throw sql::Error("disk I/O error", 10);
            }
            void addWarning(const ImportMessage&) override {}
        } failing;
        PipelinedSink pipeline(failing, 64);
        bool thrown = false;
        try {
            writeFixture(pipeline);
            pipeline.finish();
        } catch (const sql::Error& error) {
            thrown = QByteArray(error.what()).contains("disk I/O error");
        }
        QVERIFY(thrown);
    }

    void aCorruptPackIsRebuiltFromTheRows()
    {
        test::TemporaryWorkspace temporary;
        int64_t source = 0;
        {
            WorkspaceWriter writer(*temporary.workspace, FileIdentity{"/f.json", 1, 1});
            writeFixture(writer);
            source = writer.commit(5, "otlp-json", "");
        }
        sql::Database& db = temporary.workspace->db();
        db.exec("UPDATE trace_packs SET data = X'53504B31FFFFFFFF00'");
        TraceLoader loader(db);
        const int64_t trace = db.queryInt("SELECT id FROM traces WHERE span_count = 3");
        const auto data = loader.load(trace);
        QVERIFY(data);
        QVERIFY(!loader.lastLoadUsedPack());
        QCOMPARE(data->size(), size_t(3));
        checkFixture(*temporary.workspace, source); // and the pack was written again
    }
};

QTEST_GUILESS_MAIN(WriterTest)
#include "tst_writer.moc"
