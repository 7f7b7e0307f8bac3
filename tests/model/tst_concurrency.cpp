// SPDX-License-Identifier: MIT
// Background work: an import on a worker thread with its own connection while the UI thread keeps
// reading; progress in bytes; cancel rolls back; the job helper drops stale results.
#include "TestSupport.h"
#include "generator/OtlpJsonEmitter.h"
#include "generator/TraceGenerator.h"
#include "importers/ImportRunner.h"
#include "model/JobTracker.h"
#include "model/TraceListReader.h"
#include "model/Workspace.h"

#include <QFileInfo>
#include <QTest>
#include <atomic>
#include <thread>

using namespace spanscope;

namespace {

QString generate(QTemporaryDir& directory, uint64_t spans)
{
    const QString path = directory.filePath(QStringLiteral("generated.json"));
    std::FILE* file = std::fopen(path.toUtf8().constData(), "wb");
    bench::GeneratorOptions options;
    options.spans = spans;
    options.traces = 20;
    bench::OtlpJsonEmitter emitter(file, false);
    bench::TraceGenerator(options).run([&](const bench::GeneratedSpan& span) {
        emitter.add(span);
        return true;
    });
    emitter.finish();
    std::fclose(file);
    return path;
}

} // namespace

class ConcurrencyTest : public QObject
{
    Q_OBJECT

private slots:
    void theWindowReadsWhileAWorkerImports()
    {
        test::TemporaryWorkspace temporary;
        const QString sample = test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
        QVERIFY(importFile(*temporary.workspace, sample.toStdString(), ImportOptions{}).succeeded());
        const QString big = generate(temporary.directory, 120000);
        const uint64_t size = uint64_t(QFileInfo(big).size());

        std::atomic<bool> done{false};
        std::atomic<bool> committing{false};
        std::vector<ImportProgress> progress;
        std::mutex progressMutex;
        ImportOutcome outcome;
        std::thread worker([&] {
            auto own = Workspace::open(temporary.path, Workspace::OpenMode::ExistingOnly);
            outcome = importFile(**own, big.toStdString(), ImportOptions{}, [&](const ImportProgress& p) {
                std::lock_guard lock(progressMutex);
                progress.push_back(p);
                if (std::string(p.stage) == "committing")
                    committing = true;
            });
            done = true;
        });

        // Meanwhile the UI connection keeps answering, and sees nothing of the import before its
        // commit: no half trace is ever visible.
        int reads = 0;
        int earlySightings = 0;
        while (!done) {
            const bool beforeCommit = !committing;
            const auto traces = TraceListReader(temporary.workspace->db()).list({});
            if (beforeCommit && traces.size() != 1)
                ++earlySightings;
            ++reads;
        }
        worker.join();
        QVERIFY2(outcome.succeeded(), outcome.error.c_str());
        QVERIFY(reads > 1);
        QCOMPARE(earlySightings, 0);
        QCOMPARE(TraceListReader(temporary.workspace->db()).list({}).size(), size_t(21));

        // Progress: bytes of the file, growing, ending at its size, then the commit stages.
        QVERIFY(progress.size() > 10);
        uint64_t last = 0;
        bool reachedEnd = false;
        for (const ImportProgress& p : progress) {
            QCOMPARE(p.bytesTotal, size);
            QVERIFY(p.bytesDone >= last);
            last = p.bytesDone;
            reachedEnd = reachedEnd || p.bytesDone == size;
        }
        QVERIFY(reachedEnd);
        QCOMPARE(std::string(progress.back().stage), std::string("committing"));
    }

    void cancellingRollsBackEverything()
    {
        test::TemporaryWorkspace temporary;
        const QString big = generate(temporary.directory, 120000);
        std::atomic<bool> cancel{false};
        const ImportOutcome outcome = importFile(
            *temporary.workspace, big.toStdString(), ImportOptions{},
            [&](const ImportProgress& p) {
                if (p.bytesDone * 3 > p.bytesTotal)
                    cancel = true; // a third of the way in
            },
            &cancel);
        QCOMPARE(int(outcome.status), int(ImportOutcome::Status::Cancelled));
        sql::Database& db = temporary.workspace->db();
        for (const char* table : {"sources", "traces", "spans", "trace_packs", "resources"})
            QCOMPARE(db.queryInt((std::string("SELECT count(*) FROM ") + table).c_str()), int64_t(0));
        // The workspace is fine afterwards: the same file imports.
        QVERIFY(importFile(*temporary.workspace, big.toStdString(), ImportOptions{}).succeeded());
    }

    void aNewerJobSupersedesAnOlderOne()
    {
        JobTracker jobs;
        std::vector<int> delivered;
        std::atomic<bool> firstSawCancel{false};
        jobs.start(
            [&](std::atomic<bool>& cancel) {
                for (int i = 0; i < 200 && !cancel; ++i)
                    QThread::msleep(5);
                firstSawCancel = cancel.load();
                return 1;
            },
            [&](int value) { delivered.push_back(value); });
        QThread::msleep(20);
        jobs.start([](std::atomic<bool>&) { return 2; }, [&](int value) { delivered.push_back(value); });
        jobs.waitForDone();
        QTRY_COMPARE(delivered.size(), size_t(1));
        QCoreApplication::processEvents();
        QCOMPARE(delivered, std::vector<int>{2});
        QVERIFY(firstSawCancel);
    }
};

QTEST_GUILESS_MAIN(ConcurrencyTest)
#include "tst_concurrency.moc"
