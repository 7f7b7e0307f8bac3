// SPDX-License-Identifier: MIT
// `spanscope spans --json` and `spanscope convert`, run as a user runs them: the canonical dump
// against its golden file, every format converted and read back to the same canonical dump (minus
// exactly what the format cannot carry, docs/FORMATS.md "Conversion"), and round trips.
#include "CliRun.h"
#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace spanscope;
using Json = nlohmann::ordered_json;

namespace {

using Run = test::CliRun;
using test::runSpanscope;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

QString protoFixture()
{
    return test::sourcePath(QStringLiteral("tests/data/otlp-proto/traces.binpb"));
}

QString extension(const QString& format)
{
    return format == QLatin1String("otlp-proto") ? QStringLiteral(".binpb") : QStringLiteral(".json");
}

// ---- normalising canonical dumps to what a format carries ----------------------------------------

// Tags that conversion to Jaeger and Zipkin adds for what those formats have no field for. An
// importer may map them back or keep them as attributes: both count as carried.
const std::set<std::string> kConventionTags = {
    "span.kind",           "otel.status_code", "otel.status_description", "error",
    "w3c.tracestate",      "otel.scope.name",  "otel.scope.version",      "otel.library.name",
    "otel.library.version"};

int64_t floorMicros(int64_t ns)
{
    return (ns >= 0 ? ns / 1000 : -((-(ns + 1)) / 1000) - 1) * 1000;
}

ValueView scalarView(const Json& typed)
{
    ValueView view;
    const std::string type = typed["type"];
    if (type == "int") {
        view.type = ValueType::Int;
        view.intValue = typed["value"];
    } else if (type == "double" && typed["value"].is_number()) {
        view.type = ValueType::Double;
        view.doubleValue = typed["value"];
    } else if (type == "bool") {
        view.type = ValueType::Bool;
        view.boolValue = typed["value"];
    }
    return view;
}

// A typed canonical value as plain JSON, the form arrays and maps take as Jaeger and Zipkin text.
Json plain(const Json& typed)
{
    const std::string type = typed["type"];
    if (type == "array" || type == "kvlist") {
        Json out = type == "array" ? Json::array() : Json::object();
        for (const Json& element : typed["value"]) {
            if (type == "array")
                out.push_back(plain(element));
            else
                out[element["key"].get<std::string>()] = plain(element);
        }
        return out;
    }
    if (type == "empty")
        return nullptr;
    return typed["value"];
}

// The text a value becomes as a string tag: scalars in their display form, containers as JSON.
std::string text(const Json& typed)
{
    const std::string type = typed["type"];
    if (type == "string" || type == "bytes")
        return typed["value"];
    if (type == "empty")
        return {};
    if (type == "array" || type == "kvlist")
        return plain(typed).dump();
    if (type == "double" && typed["value"].is_string())
        return typed["value"];
    return scalarText(scalarView(typed));
}

Json asStringAttribute(const Json& attribute)
{
    return Json{{"key", attribute["key"]}, {"type", "string"}, {"value", text(attribute)}};
}

// Jaeger tags have five types; arrays, maps and empty values become strings.
Json jaegerAttributes(const Json& list, const char* dropKey = nullptr)
{
    Json out = Json::array();
    for (const Json& attribute : list) {
        if (dropKey && attribute["key"] == dropKey)
            continue;
        const std::string type = attribute["type"];
        out.push_back(type == "array" || type == "kvlist" || type == "empty" ? asStringAttribute(attribute)
                                                                             : attribute);
    }
    return out;
}

Json zipkinAttributes(const Json& list)
{
    Json out = Json::array();
    for (const Json& attribute : list)
        out.push_back(asStringAttribute(attribute));
    return out;
}

std::string tagText(const Json& attributes, const std::string& key)
{
    for (const Json& attribute : attributes) {
        if (attribute["key"] == key)
            return text(attribute);
    }
    return {};
}

void normaliseSpan(Json& span, const QString& format)
{
    const bool jaeger = format == QLatin1String("jaeger-json");
    Json& attributes = span["attributes"];
    // What the convention tags say, wherever the importer left it.
    if (span["kind"] == "UNSPECIFIED") {
        std::string kind = tagText(attributes, "span.kind");
        std::transform(kind.begin(), kind.end(), kind.begin(), ::toupper);
        if (!kind.empty())
            span["kind"] = kind;
    }
    if (!jaeger && span["kind"] == "INTERNAL")
        span["kind"] = "UNSPECIFIED"; // Zipkin: both are "no kind"
    Json& scope = span["scope"];
    for (const char* prefix : {"otel.scope.", "otel.library."}) {
        if (scope["name"] == "")
            scope["name"] = tagText(attributes, std::string(prefix) + "name");
        if (scope["version"] == "")
            scope["version"] = tagText(attributes, std::string(prefix) + "version");
    }
    scope["attributes"] = Json::array();
    Json& status = span["status"];
    const bool error = std::find(span["marks"].begin(), span["marks"].end(), "error") != span["marks"].end();
    if (status["code"] == "UNSET") {
        const std::string code = tagText(attributes, "otel.status_code");
        status["code"] = error ? "ERROR" : code == "OK" || code == "ERROR" ? code : "UNSET";
    }
    if (status["message"] == "") {
        status["message"] = tagText(attributes, "otel.status_description");
        const std::string errorTag = tagText(attributes, "error");
        if (!jaeger && status["message"] == "" && errorTag != "true")
            status["message"] = errorTag; // Zipkin: the error tag's value is the message
    }
    if (span["trace_state"] == "")
        span["trace_state"] = tagText(attributes, "w3c.tracestate");
    Json kept = Json::array();
    for (const Json& attribute : attributes) {
        if (!kConventionTags.count(attribute["key"].get<std::string>()))
            kept.push_back(attribute);
    }
    attributes = jaeger ? jaegerAttributes(kept) : zipkinAttributes(kept);
    span["marks"] = error ? Json::array({"error"}) : Json::array();
    span["w3c_flags"] = jaeger ? span["w3c_flags"].get<uint32_t>() & 0xFF : 0;

    // Microseconds, and no negative or missing durations.
    const int64_t start = floorMicros(span["start_ns"]);
    const int64_t end = floorMicros(span["end_ns"]);
    span["start_ns"] = start;
    span["end_ns"] = end < start || end == 0 ? start : end;

    for (Json& event : span["events"]) {
        event["time_ns"] = floorMicros(event["time_ns"]);
        event["attributes"] = jaeger ? jaegerAttributes(event["attributes"], "event") : Json::array();
        event["dropped_attributes_count"] = 0;
    }
    if (jaeger) {
        for (Json& link : span["links"]) {
            if (link["type"] == "link")
                link["type"] = "follows_from"; // how OTLP links travel in Jaeger
            link["trace_state"] = "";
            link["flags"] = 0;
            link["attributes"] = Json::array();
            link["dropped_attributes_count"] = 0;
        }
    } else {
        span["links"] = Json::array();
    }
    for (const char* count : {"dropped_attributes_count", "dropped_events_count", "dropped_links_count"})
        span[count] = 0;
    Json resource = Json::array();
    for (const Json& attribute : span["resource"]["attributes"]) {
        if (attribute["key"] != "service.name")
            resource.push_back(attribute);
    }
    span["resource"]["attributes"] = jaeger ? jaegerAttributes(resource) : Json::array();
}

// The canonical dump reduced to what `format` carries, spans in a stable order.
std::string normalised(const QByteArray& dump, const QString& format)
{
    Json doc = Json::parse(dump.toStdString());
    Json& spans = doc["spans"];
    if (format == QLatin1String("jaeger-json") || format == QLatin1String("zipkin-json")) {
        for (Json& span : spans)
            normaliseSpan(span, format);
    }
    std::vector<Json> list(spans.begin(), spans.end());
    const auto key = [](const Json& span) {
        return std::make_tuple(span["trace_id"].get<std::string>(), span["start_ns"].get<int64_t>(),
                               span["span_id"].get<std::string>());
    };
    std::stable_sort(list.begin(), list.end(), [&](const Json& a, const Json& b) { return key(a) < key(b); });
    return Json(list).dump(2);
}

} // namespace

class ConvertTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void spansJsonOfTheSampleMatchesTheGolden()
    {
        const Run run = spans(sample());
        QCOMPARE(run.exitCode, 0);
        QString message;
        QVERIFY2(
            test::matchesGolden(test::sourcePath(QStringLiteral("tests/data/canonical/checkout.spans.json")),
                                run.out, message),
            qPrintable(message));
        const Json doc = Json::parse(run.out.toStdString());
        QCOMPARE(doc["spans"].size(), size_t(40));
        QCOMPARE(QString::fromStdString(doc["spans"][0]["name"]), QStringLiteral("POST /api/checkout"));
        QCOMPARE(QString::fromStdString(doc["spans"][0]["parent_span_id"].dump()), QStringLiteral("null"));
    }

    void spansOfOneTrace()
    {
        const Run one =
            runSpanscope({QStringLiteral("spans"), protoFixture(), QStringLiteral("--json"),
                          QStringLiteral("--trace"), QStringLiteral("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF")},
                         cache());
        QCOMPARE(one.exitCode, 0);
        const Json doc = Json::parse(one.out.toStdString());
        QCOMPARE(doc["spans"].size(), size_t(3));
        for (const Json& span : doc["spans"])
            QCOMPARE(QString::fromStdString(span["trace_id"]),
                     QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
        const Run missing = runSpanscope({QStringLiteral("spans"), protoFixture(), QStringLiteral("--json"),
                                          QStringLiteral("--trace"), QStringLiteral("ff")},
                                         cache());
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("trace ff is not in the file"), missing.err.constData());
        const Run text = runSpanscope({QStringLiteral("spans"), protoFixture()}, cache());
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("trace 0102030405060708090a0b0c0d0e0f10: 4 span(s)"));
        QVERIFY(text.out.contains(
            "3333333333333333  parent 2222222222222222     150.000 ms  SERVER   ERROR backend: POST /cart"));
        QCOMPARE(runSpanscope({QStringLiteral("spans")}, cache()).exitCode, 2);
    }

    void crossFormatEquivalence_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("format");
        for (const char* format : {"otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"}) {
            QTest::addRow("sample to %s", format) << sample() << QString::fromLatin1(format);
            QTest::addRow("every field to %s", format) << protoFixture() << QString::fromLatin1(format);
        }
    }

    void crossFormatEquivalence()
    {
        QFETCH(QString, input);
        QFETCH(QString, format);
        const QString out = m_dir->filePath(QStringLiteral("converted") + extension(format));
        const Run convert = runSpanscope(
            {QStringLiteral("convert"), input, QStringLiteral("--to"), format, QStringLiteral("--out"), out},
            cache());
        QCOMPARE(convert.exitCode, 0);
        QVERIFY(convert.out.contains(QByteArray("span(s) written as ").append(format.toUtf8())));
        QVERIFY(!QDir(m_dir->path()).entryList({QStringLiteral("*.tmp")}).size());

        const Run info = runSpanscope({QStringLiteral("info"), out, QStringLiteral("--json")}, cache());
        QCOMPARE(info.exitCode, 0);
        const Json file = Json::parse(info.out.toStdString())["files"][0];
        QCOMPARE(QString::fromStdString(file["format"]), format);
        QCOMPARE(file["warning_count"].get<int>(), 0);

        const Run original = spans(input);
        const Run converted = spans(out);
        QCOMPARE(converted.exitCode, 0);
        compareDumps(normalised(original.out, format), normalised(converted.out, format));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("chain");
        QTest::addColumn<int>("compareWith"); // index in the chain (0 = the input itself)
        const QStringList otlp = {QStringLiteral("otlp-proto"), QStringLiteral("otlp-json")};
        QTest::newRow("sample: otlp-json > otlp-proto > otlp-json") << sample() << otlp << 0;
        QTest::newRow("fixture: otlp-proto > otlp-json > otlp-proto")
            << protoFixture() << QStringList{QStringLiteral("otlp-json"), QStringLiteral("otlp-proto")} << 0;
        QTest::newRow("jaeger-json > jaeger-json")
            << sample() << QStringList{QStringLiteral("jaeger-json"), QStringLiteral("jaeger-json")} << 1;
        QTest::newRow("jaeger-json > otlp-proto > jaeger-json")
            << protoFixture()
            << QStringList{QStringLiteral("jaeger-json"), QStringLiteral("otlp-proto"),
                           QStringLiteral("jaeger-json")}
            << 1;
        QTest::newRow("zipkin-json > zipkin-json")
            << protoFixture() << QStringList{QStringLiteral("zipkin-json"), QStringLiteral("zipkin-json")}
            << 1;
        QTest::newRow("real jaeger_ui_01 > otlp-json > jaeger-json")
            << test::realDataPath(QStringLiteral("jaeger-json/jaeger_ui_01.json"))
            << QStringList{QStringLiteral("otlp-json"), QStringLiteral("jaeger-json")} << 0;
    }

    void roundTrips()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, chain);
        QFETCH(int, compareWith);
        if (input.startsWith(test::realDataPath(QString())))
            SPANSCOPE_REQUIRE_REAL_DATA();
        QStringList files = {input};
        for (int i = 0; i < chain.size(); ++i) {
            const QString out = m_dir->filePath(QStringLiteral("step%1").arg(i + 1) + extension(chain[i]));
            const Run run = runSpanscope({QStringLiteral("convert"), files.last(), QStringLiteral("--to"),
                                          chain[i], QStringLiteral("--out"), out},
                                         cache());
            QVERIFY2(run.exitCode == 0, run.err.constData());
            files << out;
        }
        const Run expected = spans(files[compareWith]);
        const Run actual = spans(files.last());
        QCOMPARE(actual.exitCode, 0);
        compareDumps(QString::fromUtf8(expected.out).toStdString(),
                     QString::fromUtf8(actual.out).toStdString());
    }

    void realProtoFilesMatchTheirJsonTwins_data()
    {
        QTest::addColumn<QString>("proto");
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("spanCount");
        QTest::newRow("eoepca") << QStringLiteral("otlp-proto/eoepca_ex2.binpb")
                                << QStringLiteral("otlp-json/eoepca_ex2.json") << 9;
        QTest::newRow("otlp2parquet") << QStringLiteral("otlp-proto/otlp2parquet_traces.pb")
                                      << QStringLiteral("otlp-json/otlp2parquet_traces.jsonl") << 19;
    }

    void realProtoFilesMatchTheirJsonTwins()
    {
        QFETCH(QString, proto);
        QFETCH(QString, json);
        QFETCH(int, spanCount);
        SPANSCOPE_REQUIRE_REAL_DATA();
        const Run fromProto = spans(test::realDataPath(proto));
        const Run fromJson = spans(test::realDataPath(json));
        QCOMPARE(fromProto.exitCode, 0);
        QCOMPARE(int(Json::parse(fromProto.out.toStdString())["spans"].size()), spanCount);
        compareDumps(fromJson.out.toStdString(), fromProto.out.toStdString());
    }

    void convertOneTraceToStdout()
    {
        const Run run =
            runSpanscope({QStringLiteral("convert"), protoFixture(), QStringLiteral("--to"),
                          QStringLiteral("zipkin-json"), QStringLiteral("--out"), QStringLiteral("-"),
                          QStringLiteral("--trace"), QStringLiteral("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")},
                         cache());
        QCOMPARE(run.exitCode, 0);
        const Json spansOut = Json::parse(run.out.toStdString());
        QCOMPARE(spansOut.size(), size_t(3));
        QCOMPARE(QString::fromStdString(spansOut[0]["name"]), QStringLiteral("publish order"));
        QCOMPARE(QString::fromStdString(spansOut[0]["kind"]), QStringLiteral("PRODUCER"));
    }

    void convertExitStatuses()
    {
        const QString out = m_dir->filePath(QStringLiteral("out.json"));
        const auto convert = [&](QStringList arguments) {
            return runSpanscope(QStringList{QStringLiteral("convert")} + arguments, cache());
        };
        QCOMPARE(convert({sample(), QStringLiteral("--out"), out}).exitCode, 2); // no --to
        QCOMPARE(convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json")}).exitCode, 2);
        const Run unknown =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("csv"), QStringLiteral("--out"), out});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown format \"csv\""));
        QCOMPARE(convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"),
                          QStringLiteral("--out"), sample()})
                     .exitCode,
                 2);

        const QString broken = m_dir->filePath(QStringLiteral("broken.binpb"));
        test::writeFile(broken, test::readFile(protoFixture()).left(100));
        const Run bad = convert(
            {broken, QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"), out});
        QCOMPARE(bad.exitCode, 3);
        QVERIFY2(bad.err.contains("broken.binpb: byte 100: the file ends inside"), bad.err.constData());
        QVERIFY(!QFile::exists(out));
        const Run missingTrace =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"),
                     out, QStringLiteral("--trace"), QStringLiteral("12")});
        QCOMPARE(missingTrace.exitCode, 3);
        QVERIFY(!QFile::exists(out));
        const Run unwritable =
            convert({sample(), QStringLiteral("--to"), QStringLiteral("otlp-json"), QStringLiteral("--out"),
                     m_dir->filePath(QStringLiteral("no/such/dir/out.json"))});
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY(unwritable.err.contains("cannot write"));
    }

    void helpListsTheCommands()
    {
        const Run help = runSpanscope({QStringLiteral("--help")}, cache());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("spans FILE [--trace ID] [--json]"));
        QVERIFY(
            help.out.contains("convert FILE --to otlp-json|otlp-proto|jaeger-json|zipkin-json --out OUT"));
    }

private:
    QString cache() const { return m_dir->filePath(QStringLiteral("cache")); }

    Run spans(const QString& file) const
    {
        return runSpanscope({QStringLiteral("spans"), file, QStringLiteral("--json")}, cache());
    }

    void compareDumps(const std::string& expected, const std::string& actual) const
    {
        if (expected == actual)
            return;
        const QString expectedPath = m_dir->filePath(QStringLiteral("expected.json"));
        const QString actualPath = m_dir->filePath(QStringLiteral("actual.json"));
        test::writeFile(expectedPath, QByteArray::fromStdString(expected));
        test::writeFile(actualPath, QByteArray::fromStdString(actual));
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), expectedPath, actualPath});
        diff.waitForFinished(10000);
        QFAIL(qPrintable(QStringLiteral("canonical dumps differ:\n") +
                         QString::fromUtf8(diff.readAllStandardOutput().left(8000))));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(ConvertTest)
#include "tst_convert.moc"
