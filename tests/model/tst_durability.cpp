// SPDX-License-Identifier: MIT
// Killing Spanscope (SIGKILL) in the middle of an import, of saving notes, or of "Save as" loses
// nothing saved before and leaves a workspace that opens: an import is all there or not at all.
#include "TestSupport.h"
#include "generator/OtlpJsonEmitter.h"
#include "generator/TraceGenerator.h"
#include "model/AnnotationStore.h"
#include "model/TraceListReader.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>
#include <csignal>

using namespace spanscope;

namespace {

QString helperPath()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/durability_helper");
}

void writeGenerated(const QString& path, uint64_t spans, uint64_t traces)
{
    std::FILE* file = std::fopen(path.toUtf8().constData(), "wb");
    bench::GeneratorOptions options;
    options.spans = spans;
    options.traces = traces;
    bench::OtlpJsonEmitter emitter(file, false);
    bench::TraceGenerator(options).run([&](const bench::GeneratedSpan& span) {
        emitter.add(span);
        return true;
    });
    emitter.finish();
    std::fclose(file);
}

// SIGKILL the child, if it is still running. (processId() is 0 once it has exited, and kill(0, ...)
// would hit our own process group: the test runner itself.)
void killHard(QProcess& child)
{
    const qint64 pid = child.processId();
    if (pid > 0)
        ::kill(pid_t(pid), SIGKILL);
    child.waitForFinished();
}

void checkIntegrity(sql::Database& db)
{
    auto integrity = db.prepare("PRAGMA integrity_check");
    QVERIFY(integrity.step());
    QCOMPARE(std::string(integrity.columnText(0)), std::string("ok"));
}

// Every source in the workspace is complete: its spans, traces and packs all agree.
void checkSourcesComplete(Workspace& workspace, int64_t expectedSpans)
{
    sql::Database& db = workspace.db();
    auto sources = db.prepare("SELECT id, span_count, trace_count, first_span, last_span FROM sources");
    while (sources.step()) {
        const int64_t id = sources.columnInt(0);
        QCOMPARE(sources.columnInt(1), expectedSpans);
        QCOMPARE(sources.columnInt(4) - sources.columnInt(3) + 1, expectedSpans);
        auto counts =
            db.prepare("SELECT count(*), sum(span_count), (SELECT count(*) FROM trace_packs p JOIN traces "
                       "t2 ON t2.id = p.trace WHERE t2.source = ?1) FROM traces WHERE source = ?1");
        counts.bind(1, id);
        QVERIFY(counts.step());
        QCOMPARE(counts.columnInt(0), sources.columnInt(2));
        QCOMPARE(counts.columnInt(1), expectedSpans);
        QCOMPARE(counts.columnInt(2), sources.columnInt(2));
    }
    QVERIFY(db.queryInt("SELECT count(*) FROM spans") ==
            expectedSpans * db.queryInt("SELECT count(*) FROM sources"));
}

} // namespace

class DurabilityTest : public QObject
{
    Q_OBJECT

private slots:
    void killDuringImportLeavesAllOrNothing()
    {
        QTemporaryDir directory;
        const QString trace = directory.filePath(QStringLiteral("big.json"));
        writeGenerated(trace, 150000, 50);
        // How long a whole import takes here, so the kills land while reading, while building the
        // packs, while committing, and just after.
        QElapsedTimer timer;
        timer.start();
        {
            QProcess full;
            full.start(QStringLiteral(SPANSCOPE_BINARY),
                       {QStringLiteral("info"), QStringLiteral("--workspace"),
                        directory.filePath(QStringLiteral("full.spanscope")), trace});
            QVERIFY(full.waitForFinished(120000));
            QCOMPARE(full.exitCode(), 0);
        }
        const qint64 whole = timer.elapsed();
        int present = 0;
        for (int percent : {15, 40, 65, 80, 90, 95, 99, 100}) {
            const int delayMs = int(whole * percent / 100);
            const QString workspacePath = directory.filePath(QStringLiteral("w%1.spanscope").arg(delayMs));
            QProcess child;
            child.start(QStringLiteral(SPANSCOPE_BINARY),
                        {QStringLiteral("info"), QStringLiteral("--workspace"), workspacePath, trace});
            QVERIFY(child.waitForStarted());
            if (percent < 100)
                QTest::qWait(delayMs);
            else
                QVERIFY(child.waitForReadyRead(120000)); // it prints after the commit: kill right then
            killHard(child);

            auto reopened = Workspace::open(workspacePath.toStdString(), Workspace::OpenMode::ExistingOnly);
            if (!reopened) {
                // Killed before the workspace file was even created.
                QVERIFY2(QString::fromStdString(reopened.error()).contains(QStringLiteral("no such")),
                         reopened.error().c_str());
                continue;
            }
            checkIntegrity((*reopened)->db());
            checkSourcesComplete(**reopened, 150000);
            const int64_t sources = (*reopened)->db().queryInt("SELECT count(*) FROM sources");
            present += int(sources);
            qInfo("killed after %d ms (%d %% of a whole import): %lld source(s) present", delayMs, percent,
                  (long long)sources);
        }
        // The kill after the commit found the import, complete.
        QVERIFY(present >= 1);
    }

    void killWhileSavingNotesKeepsEverySavedNote()
    {
        QTemporaryDir directory;
        const QString workspacePath = directory.filePath(QStringLiteral("notes.spanscope"));
        QProcess child;
        child.start(helperPath(), {QStringLiteral("annotate"), workspacePath});
        QVERIFY(child.waitForStarted());
        std::vector<int64_t> saved;
        while (saved.size() < 200 && child.waitForReadyRead(10000)) {
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith("saved "))
                    saved.push_back(line.mid(6).toLongLong());
            }
        }
        killHard(child);
        // Lines that arrived after the last read also count: each was printed after its commit.
        for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
            if (line.startsWith("saved "))
                saved.push_back(line.mid(6).toLongLong());
        }
        QVERIFY(saved.size() >= 200);

        auto reopened = Workspace::open(workspacePath.toStdString(), Workspace::OpenMode::ExistingOnly);
        QVERIFY(reopened);
        checkIntegrity((*reopened)->db());
        AnnotationStore store((*reopened)->db());
        const auto notes = store.forTrace(TraceId{0, 0x4242});
        QVERIFY(notes.size() >= saved.size());
        for (size_t i = 0; i < saved.size(); ++i)
            QCOMPARE(notes[i].id, saved[i]);
        QCOMPARE(notes.back().text.substr(0, 5), std::string("note "));
    }

    void killDuringSaveAsLeavesTheOriginalIntact()
    {
        QTemporaryDir directory;
        const QString trace = directory.filePath(QStringLiteral("big.json"));
        writeGenerated(trace, 100000, 10);
        const QString workspacePath = directory.filePath(QStringLiteral("w.spanscope"));
        QProcess importer;
        importer.start(QStringLiteral(SPANSCOPE_BINARY),
                       {QStringLiteral("info"), QStringLiteral("--workspace"), workspacePath, trace});
        QVERIFY(importer.waitForFinished(120000));
        QCOMPARE(importer.exitCode(), 0);

        const QString target = directory.filePath(QStringLiteral("saved.spanscope"));
        for (int delayMs : {5, 30, 80}) {
            QFile::remove(target);
            QProcess child;
            child.start(helperPath(), {QStringLiteral("saveas"), workspacePath, target});
            QVERIFY(child.waitForReadyRead(10000));
            QTest::qWait(delayMs);
            killHard(child);

            auto original = Workspace::open(workspacePath.toStdString(), Workspace::OpenMode::ExistingOnly);
            QVERIFY2(original, original.error().c_str());
            checkIntegrity((*original)->db());
            checkSourcesComplete(**original, 100000);
            // The copy is either complete or not a workspace at all; never half of one that opens.
            auto copy = Workspace::open(target.toStdString(), Workspace::OpenMode::ExistingOnly);
            if (copy)
                checkSourcesComplete(**copy, 100000);
        }
    }
};

QTEST_GUILESS_MAIN(DurabilityTest)
#include "tst_durability.moc"
