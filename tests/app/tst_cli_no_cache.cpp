// SPDX-License-Identifier: MIT
// `spanscope COMMAND --no-cache` as a user runs it: the throw-away workspace lives in $TMPDIR,
// keeps no log on disk (nothing to copy back or sync before it is deleted) and is gone afterwards,
// and a bad file among good ones still rolls back on its own.
#include "CliRun.h"
#include "TestSupport.h"
#include "generator/OtlpJsonEmitter.h"
#include "generator/TraceGenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cstdio>

using namespace spanscope;

namespace {

void writeGenerated(const QString& path, uint64_t spans)
{
    std::FILE* file = std::fopen(path.toUtf8().constData(), "wb");
    QVERIFY(file);
    bench::GeneratorOptions options;
    options.spans = spans;
    bench::OtlpJsonEmitter emitter(file, false);
    bench::TraceGenerator(options).run([&](const bench::GeneratedSpan& span) {
        emitter.add(span);
        return true;
    });
    emitter.finish();
    std::fclose(file);
}

} // namespace

class CliNoCacheTest : public QObject
{
    Q_OBJECT

private slots:
    void throwAwayWorkspaceKeepsNoLog()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("big.otlp.json"));
        writeGenerated(trace, 60000);
        const QString temporary = dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(temporary));

        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), temporary);
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(SPANSCOPE_BINARY), {QStringLiteral("info"), QStringLiteral("--no-cache"),
                                                         trace, QStringLiteral("--json")});
        QVERIFY(process.waitForStarted());
        // Look at $TMPDIR while the import runs (a few hundred milliseconds).
        QSet<QString> seen;
        const QDir directory(temporary);
        while (process.state() != QProcess::NotRunning) {
            for (const QString& name : directory.entryList(QDir::Files | QDir::Hidden))
                seen.insert(name);
            process.waitForFinished(1);
        }
        QCOMPARE(process.exitCode(), 0);
        const QJsonObject file = QJsonDocument::fromJson(process.readAllStandardOutput())
                                     .object()[QStringLiteral("files")][0]
                                     .toObject();
        QCOMPARE(file[QStringLiteral("span_count")].toInt(), 60000);

        QStringList workspaces;
        for (const QString& name : seen) {
            if (name.startsWith(QLatin1String("etilqs_")))
                continue; // SQLite's sorting files, unlinked as soon as they are made
            QVERIFY2(name.startsWith(QLatin1String("spanscope-")), qPrintable(name));
            QVERIFY2(name.endsWith(QLatin1String(".spanscope")),
                     qPrintable(name + QStringLiteral(": a log next to a throw-away workspace")));
            workspaces << name;
        }
        QVERIFY2(workspaces.size() == 1, qPrintable(workspaces.join(QLatin1Char(' '))));
        QCOMPARE(directory.entryList(QDir::Files | QDir::Hidden), QStringList()); // deleted at the end
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("cache/spanscope/workspace.spanscope"))));
    }

    void badFileAmongGoodOnesRollsBackAlone()
    {
        QTemporaryDir dir;
        const QString sample = test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        // Spans, then a syntax error: the import has written rows before it fails.
        QByteArray text = test::readFile(sample);
        text.chop(text.size() - text.lastIndexOf("\"spanId\""));
        test::writeFile(broken, text + ",,,");
        const test::CliRun run = test::runSpanscope({QStringLiteral("info"), QStringLiteral("--no-cache"),
                                                     sample, broken, sample, QStringLiteral("--json")},
                                                    dir.filePath(QStringLiteral("cache")));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("broken.json:"), run.err.constData());
        const QJsonArray files = QJsonDocument::fromJson(run.out).object()[QStringLiteral("files")].toArray();
        QCOMPARE(files.size(), 3);
        QCOMPARE(files[0].toObject()[QStringLiteral("span_count")].toInt(), 40);
        QCOMPARE(files[1].toObject()[QStringLiteral("error")].toString(), QStringLiteral("failed"));
        // The second import of the sample is a new one (no reuse), and the failed one left nothing
        // in between: the same traces again.
        QCOMPARE(files[2].toObject()[QStringLiteral("span_count")].toInt(), 40);
        QCOMPARE(files[2].toObject()[QStringLiteral("cached")].toBool(), false);
        QCOMPARE(files[2].toObject()[QStringLiteral("traces")].toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(CliNoCacheTest)
#include "tst_cli_no_cache.moc"
