// SPDX-License-Identifier: MIT
// Golden tests against a producer's own values: ../shared/testdata/real/otel-js-sdk holds one trace
// set written by the OpenTelemetry JS SDK as OTLP JSON, OTLP protobuf and Zipkin, and
// checkout.expected.json, the SDK's own values for every span (ids, parent, service, name, kind,
// start and end in ns, status, attribute/event/link counts) and every trace (root, span count,
// services, errors, depth, start, end, duration). Each file is imported into a workspace, as the
// window and the command line do, and must give exactly those values; Zipkin's differences are
// the ones the file's notes state (no kind for INTERNAL, resource attributes and the status as
// tags, no links, no remote-parent flag).
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "model/AttributeCodec.h"
#include "model/SpanDetails.h"
#include "model/TraceListReader.h"
#include "model/Workspace.h"

#include <QTest>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace spanscope;
using Json = nlohmann::json;

namespace {

size_t attributeCount(std::string_view blob)
{
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    size_t count = 0;
    while (reader.next(key, value))
        ++count;
    return count;
}

std::string hexOrEmpty(uint64_t id)
{
    return id == 0 ? std::string() : toHex64(id);
}

} // namespace

class OtelJsSdkTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SPANSCOPE_REQUIRE_REAL_DATA();
        const QByteArray text =
            test::readFile(test::realDataPath(QStringLiteral("otel-js-sdk/checkout.expected.json")));
        QVERIFY(!text.isEmpty());
        m_expected = Json::parse(text.toStdString());
    }

    void everySpanAndTraceAsTheSdkWroteThem_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file : {"checkout.otlp.json", "checkout.otlp.pb", "checkout.zipkin.json"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }

    void everySpanAndTraceAsTheSdkWroteThem()
    {
        QFETCH(QString, file);
        const bool zipkin = file.endsWith(QLatin1String(".zipkin.json"));
        const Json& info = m_expected["files"][file.toStdString()];
        const Json& dataset = m_expected["datasets"][info["dataset"].get<std::string>()];

        test::TemporaryWorkspace temporary;
        const ImportOutcome outcome =
            importFile(*temporary.workspace,
                       test::realDataPath(QStringLiteral("otel-js-sdk/") + file).toStdString(), {});
        QVERIFY2(outcome.succeeded(), outcome.error.c_str());
        QCOMPARE(outcome.warningCount, uint64_t(0));
        QCOMPARE(outcome.traces, info["traceCount"].get<uint64_t>());
        QCOMPARE(outcome.spans, info["spanCount"].get<uint64_t>());

        std::map<std::string, SpanDetails> spans; // by span id
        SpanDetailsReader(temporary.workspace->db())
            .forEachSpanOfSource(outcome.sourceId, [&](const SpanDetails& s) {
                spans.emplace(toHex64(s.spanId), s);
                return true;
            });
        QCOMPARE(spans.size(), dataset["spans"].size());

        for (const Json& want : dataset["spans"]) {
            const std::string id = want["spanId"];
            const auto found = spans.find(id);
            QVERIFY2(found != spans.end(), id.c_str());
            const SpanDetails& got = found->second;
            const QByteArray where = QByteArray::fromStdString(id + " " + want["name"].get<std::string>());
            QCOMPARE(toHex128(got.traceId), want["traceId"].get<std::string>());
            QCOMPARE(hexOrEmpty(got.parentSpanId), want["parentSpanId"].get<std::string>());
            QCOMPARE(got.service, want["service"].get<std::string>());
            QCOMPARE(got.name, want["name"].get<std::string>());
            // Zipkin writes no kind for INTERNAL: a span without kind.
            const std::string kind = zipkin && want["kind"] == "INTERNAL" ? "UNSPECIFIED" : want["kind"];
            QVERIFY2(spanKindName(got.kind) == kind, where.constData());
            QCOMPARE(got.startNs, want["startNs"].get<int64_t>());
            QCOMPARE(got.endNs, want["endNs"].get<int64_t>());
            QVERIFY2(!(got.flags & (SpanFlag::MissingStart | SpanFlag::MissingEnd)), where.constData());
            // The status: in Zipkin it travels as otel.status_code (and `error` with a message).
            QVERIFY2(int(got.status) == want["status"].get<int>(), where.constData());
            QCOMPARE(bool(got.flags & SpanFlag::Error), want["status"].get<int>() == 2);
            const size_t attributes =
                zipkin ? want["zipkinTags"].get<size_t>() : want["attributes"].get<size_t>();
            QVERIFY2(attributeCount(got.attributes) == attributes, where.constData());
            QVERIFY2(got.events.size() == want["events"].get<size_t>(), where.constData());
            QVERIFY2(got.links.size() == (zipkin ? 0 : want["links"].get<size_t>()), where.constData());
            if (!zipkin) {
                // W3C flags: 0x101 sampled, 0x301 for a parent extracted from traceparent (remote).
                QCOMPARE(got.w3cFlags, want["remoteParent"].get<bool>() ? 0x301u : 0x101u);
            }
        }

        const auto traces = TraceListReader(temporary.workspace->db()).list({});
        QCOMPARE(traces.size(), dataset["traces"].size());
        for (const Json& want : dataset["traces"]) {
            const auto trace = std::find_if(traces.begin(), traces.end(), [&](const TraceSummary& t) {
                return toHex128(t.traceId) == want["traceId"].get<std::string>();
            });
            QVERIFY(trace != traces.end());
            QCOMPARE(trace->rootName, want["rootName"].get<std::string>());
            QCOMPARE(trace->spanCount, want["spanCount"].get<int64_t>());
            QCOMPARE(trace->serviceCount, int64_t(want["services"].size()));
            QCOMPARE(trace->errorCount, want["errorSpans"].get<int64_t>());
            QCOMPARE(trace->startNs, want["startNs"].get<int64_t>());
            QCOMPARE(trace->endNs, want["endNs"].get<int64_t>());
            QCOMPARE(trace->durationNs(), want["durationNs"].get<int64_t>());
            QCOMPARE(trace->orphanCount, int64_t(0));

            // The root, the services and the depth, from the spans of the trace.
            std::set<std::string> services;
            std::string root;
            int maxDepth = 0;
            for (const auto& [id, span] : spans) {
                if (toHex128(span.traceId) != want["traceId"].get<std::string>())
                    continue;
                services.insert(span.service);
                if (span.parentSpanId == 0)
                    root = id;
                int depth = 1;
                for (uint64_t parent = span.parentSpanId; parent != 0; ++depth)
                    parent = spans.at(toHex64(parent)).parentSpanId;
                maxDepth = std::max(maxDepth, depth);
            }
            QCOMPARE(root, want["rootSpanId"].get<std::string>());
            QCOMPARE(services, (std::set<std::string>(want["services"].begin(), want["services"].end())));
            QCOMPARE(maxDepth, want["maxDepth"].get<int>());
        }
    }

private:
    Json m_expected;
};

QTEST_GUILESS_MAIN(OtelJsSdkTest)
#include "tst_otel_js_sdk.moc"
