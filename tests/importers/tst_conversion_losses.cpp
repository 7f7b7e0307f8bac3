// SPDX-License-Identifier: MIT
// Conversion loses exactly what docs/FORMATS.md says it loses. Every real file, the sample and
// every importer fixture in tests/data is converted to every format, and each result to every
// format again, so every (from, to) pair runs on real data; each step's canonical dump must equal its input's
// once the losses the table in FORMATS.md lists for the target are removed from both (ConversionLosses). The
// table and the normalisers are checked to list the same losses.
#include "ConversionLosses.h"
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "importers/writers/TraceExport.h"
#include "importers/writers/TraceWriter.h"
#include "model/Workspace.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <fstream>
#include <set>
#include <sstream>

using namespace spanscope;
using namespace spanscope::test;

namespace {

const char* const kFormats[] = {"otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"};

// What a file holds once imported: its canonical dump and its source in the workspace.
struct Imported
{
    int64_t sourceId = 0;
    std::string dump;
    uint64_t warnings = 0;
    std::string error;
};

class Converter
{
public:
    Imported import(const QString& path)
    {
        ImportOptions options;
        options.reuseCached = false;
        const ImportOutcome outcome = importFile(*m_workspace.workspace, path.toStdString(), options);
        Imported result;
        if (!outcome.succeeded()) {
            result.error = outcome.error;
            return result;
        }
        result.sourceId = outcome.sourceId;
        result.warnings = outcome.warningCount;
        std::ostringstream out;
        auto writer = makeCanonicalJsonWriter(out);
        exportSource(m_workspace.workspace->db(), outcome.sourceId, *writer);
        writer->finish();
        result.dump = out.str();
        return result;
    }

    QString convert(const Imported& from, const char* format)
    {
        const QString path = m_workspace.directory.filePath(QStringLiteral("converted-%1").arg(++m_count));
        std::ofstream out(path.toStdString(), std::ios::binary);
        auto writer = makeTraceWriter(*outputFormatFromName(format), out);
        exportSource(m_workspace.workspace->db(), from.sourceId, *writer);
        writer->finish();
        return path;
    }

private:
    TemporaryWorkspace m_workspace;
    int m_count = 0;
};

// The first lines where two texts differ, with a little context, for a failure message.
std::string firstDifference(const std::string& expected, const std::string& actual)
{
    std::vector<std::string> a;
    std::vector<std::string> b;
    for (auto [text, lines] : {std::pair{&expected, &a}, std::pair{&actual, &b}}) {
        std::istringstream in(*text);
        for (std::string line; std::getline(in, line);)
            lines->push_back(line);
    }
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    std::string out = "first difference at line " + std::to_string(i + 1) + ":\n";
    for (size_t j = i >= 6 ? i - 6 : 0; j < i; ++j)
        out += "   " + a[j] + "\n";
    for (size_t j = i; j < std::min(a.size(), i + 4); ++j)
        out += " - " + a[j] + "\n";
    for (size_t j = i; j < std::min(b.size(), i + 4); ++j)
        out += " + " + b[j] + "\n";
    return out;
}

QStringList fixtures()
{
    QStringList files;
    for (const char* folder : {"otlp-json", "otlp-proto", "jaeger", "zipkin"}) {
        QDirIterator it(sourcePath(QStringLiteral("tests/data/") + QLatin1String(folder)), QDir::Files);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QLatin1String(".golden")) && !path.endsWith(QLatin1String(".txtpb")) &&
                !path.endsWith(QLatin1String(".proto")) && !path.endsWith(QLatin1String(".sh")) &&
                !path.endsWith(QLatin1String(".actual")) && !path.endsWith(QLatin1String("all_broken.jsonl")))
                files << path;
        }
    }
    files.sort();
    return files;
}

QStringList realFiles()
{
    QStringList files;
    QDirIterator it(realDataPath(QString()), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String(".md")) && !path.endsWith(QLatin1String(".expected.json")))
            files << path;
    }
    files.sort();
    return files;
}

} // namespace

class ConversionLossesTest : public QObject
{
    Q_OBJECT

private slots:
    void theTableAndTheNormalisersListTheSameLosses()
    {
        std::string error;
        const std::vector<ConversionLoss> documented = documentedLosses(error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(!documented.empty());
        const std::set<ConversionLoss> inDocs(documented.begin(), documented.end());
        QCOMPARE(inDocs.size(), documented.size()); // no row twice
        const std::vector<ConversionLoss> implemented = implementedLosses();
        const std::set<ConversionLoss> inTest(implemented.begin(), implemented.end());
        QStringList problems;
        for (const ConversionLoss& loss : inDocs) {
            if (!inTest.count(loss))
                problems << QStringLiteral("documented but not applied: %1 %2")
                                .arg(QString::fromStdString(loss.target), QString::fromStdString(loss.id));
        }
        for (const ConversionLoss& loss : inTest) {
            if (!inDocs.count(loss))
                problems << QStringLiteral("applied but not documented: %1 %2")
                                .arg(QString::fromStdString(loss.target), QString::fromStdString(loss.id));
        }
        for (const ConversionLoss& loss : inDocs) {
            const bool knownTarget =
                std::find_if(std::begin(kFormats), std::end(kFormats),
                             [&](const char* f) { return loss.target == f; }) != std::end(kFormats);
            if (!knownTarget)
                problems << QStringLiteral("unknown target %1").arg(QString::fromStdString(loss.target));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // The table's order is the order the losses are removed in.
        QVERIFY2(documented == implemented,
                 "the losses table lists its rows in another order than they are applied");
    }

    void everyPairLosesOnlyTheDocumentedLosses_data()
    {
        QTest::addColumn<QString>("path");
        // The sample and every fixture of the importers' own tests that reads.
        QTest::newRow("sample") << sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
        for (const QString& path : fixtures())
            QTest::newRow(qPrintable(path.mid(sourcePath(QString()).size()))) << path;
        if (!realDataAvailable()) {
            QTest::newRow("real files") << QString();
            return;
        }
        for (const QString& path : realFiles())
            QTest::newRow(qPrintable(QStringLiteral("real ") + path.mid(realDataPath(QString()).size())))
                << path;
    }

    void everyPairLosesOnlyTheDocumentedLosses()
    {
        QFETCH(QString, path);
        if (path.isEmpty())
            SPANSCOPE_REQUIRE_REAL_DATA();
        Converter converter;
        const Imported original = converter.import(path);
        QVERIFY2(original.error.empty(), original.error.c_str());
        QStringList failures;
        // No spans at all: an empty TracesData is 0 bytes, which no reader tells from an empty file
        // (docs/FORMATS.md, "Conversion"); every other format writes an empty document that reads.
        const bool noSpans = withoutLosses(original.dump, "otlp-json") == "[]";
        const auto check = [&](const Imported& from, const char* format, const QString& step) -> Imported {
            if (noSpans && std::string_view(format) == "otlp-proto") {
                const QString path = converter.convert(from, format);
                if (QFileInfo(path).size() != 0)
                    failures << step + QStringLiteral(": no spans, yet not an empty file");
                return Imported{0, {}, 0, "an empty TracesData"};
            }
            const Imported to = converter.import(converter.convert(from, format));
            if (!to.error.empty()) {
                failures << step + QStringLiteral(": the converted file does not read: ") +
                                QString::fromStdString(to.error);
                return to;
            }
            if (to.warnings != 0)
                failures << step + QStringLiteral(": the converted file reads with %1 warning(s)")
                                       .arg(to.warnings);
            const std::string expected = withoutLosses(from.dump, format);
            const std::string actual = withoutLosses(to.dump, format);
            if (expected != actual)
                failures << step + QStringLiteral(": more than the documented losses:\n") +
                                QString::fromStdString(firstDifference(expected, actual));
            return to;
        };
        for (const char* first : kFormats) {
            const Imported once = check(original, first, QStringLiteral("to %1").arg(QLatin1String(first)));
            if (!once.error.empty())
                continue;
            for (const char* second : kFormats)
                check(once, second,
                      QStringLiteral("%1 to %2").arg(QLatin1String(first), QLatin1String(second)));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 6).join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(ConversionLossesTest)
#include "tst_conversion_losses.moc"
