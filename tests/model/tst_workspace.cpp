// SPDX-License-Identifier: MIT
// The workspace file: creation, refusal of foreign, corrupt and newer files (left untouched),
// migration of a version-1 workspace, reuse of cached imports, replacement of changed files,
// "Save as", cache eviction.
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "model/AnnotationStore.h"
#include "model/TraceListReader.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"
#include "model/WorkspaceSchema.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QTest>
#include <sqlite3.h>
#include <utime.h>

using namespace spanscope;

namespace {

QByteArray fingerprint(const QString& path)
{
    QFileInfo info(path);
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex() + " " +
           QByteArray::number(info.lastModified().toMSecsSinceEpoch());
}

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

ImportOutcome importSample(Workspace& workspace, const QString& path = sample(), bool reuse = true)
{
    ImportOptions options;
    options.reuseCached = reuse;
    return importFile(workspace, path.toStdString(), options);
}

} // namespace

class WorkspaceTest : public QObject
{
    Q_OBJECT

private slots:
    void newWorkspaceIsOursAndCurrent()
    {
        test::TemporaryWorkspace temporary;
        sql::Database& db = temporary.workspace->db();
        QCOMPARE(db.queryInt("PRAGMA application_id"), int64_t(WorkspaceSchema::kApplicationId));
        QCOMPARE(db.queryInt("PRAGMA user_version"), int64_t(WorkspaceSchema::kCurrentVersion));
        QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'trace_packs'"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'annotations'"), int64_t(1));
        auto journal = db.prepare("PRAGMA journal_mode");
        QVERIFY(journal.step());
        QCOMPARE(std::string(journal.columnText(0)), std::string("wal"));
        QCOMPARE(db.queryInt("PRAGMA page_size"), int64_t(16384)); // docs/PERFORMANCE.md
    }

    void refusesForeignAndCorruptFilesWithoutTouchingThem_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::newRow("another program's database") << QByteArray("foreign");
        QTest::newRow("random bytes") << QByteArray("garbage");
        QTest::newRow("text file") << QByteArray("text");
        QTest::newRow("newer spanscope") << QByteArray("newer");
    }

    void refusesForeignAndCorruptFilesWithoutTouchingThem()
    {
        QFETCH(QByteArray, kind);
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("w.spanscope"));
        if (kind == "foreign" || kind == "newer") {
            sqlite3* db = nullptr;
            sqlite3_open(path.toUtf8().constData(), &db);
            if (kind == "foreign") {
                sqlite3_exec(db, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES('ada');",
                             nullptr, nullptr, nullptr);
            } else {
                sqlite3_exec(
                    db, "CREATE TABLE x(y); PRAGMA application_id = 1399878499; PRAGMA user_version = 99;",
                    nullptr, nullptr, nullptr);
            }
            sqlite3_close(db);
        } else if (kind == "garbage") {
            QByteArray bytes(8192, '\0');
            for (int i = 0; i < bytes.size(); ++i)
                bytes[i] = char((i * 7919) % 251);
            test::writeFile(path, bytes);
        } else {
            test::writeFile(path, "these are my notes, not a database\n");
        }
        const QByteArray before = fingerprint(path);
        QTest::qWait(20);
        const auto opened = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
        QVERIFY(!opened);
        QVERIFY2(QString::fromStdString(opened.error()).contains(path), opened.error().c_str());
        if (kind == "newer")
            QVERIFY(QString::fromStdString(opened.error()).contains(QStringLiteral("newer Spanscope")));
        else
            QVERIFY(
                QString::fromStdString(opened.error()).contains(QStringLiteral("not a Spanscope workspace")));
        QCOMPARE(fingerprint(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        // And opening it with "create" does not overwrite it either.
        QVERIFY(!Workspace::open(path.toStdString(), Workspace::OpenMode::CreateIfMissing));
        QCOMPARE(fingerprint(path), before);
    }

    void missingFileIsAnErrorForOpenWorkspace()
    {
        QTemporaryDir directory;
        const auto opened =
            Workspace::open(directory.filePath(QStringLiteral("nope.spanscope")).toStdString(),
                            Workspace::OpenMode::ExistingOnly);
        QVERIFY(!opened);
        QVERIFY(!QFileInfo::exists(directory.filePath(QStringLiteral("nope.spanscope"))));
    }

    void migratesAVersionOneWorkspace()
    {
        // tests/data/workspace/v1-checkout.sql was written by the schema-1 code with the sample in it.
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("old.spanscope"));
        {
            sqlite3* db = nullptr;
            sqlite3_open(path.toUtf8().constData(), &db);
            const QByteArray script =
                test::readFile(test::sourcePath(QStringLiteral("tests/data/workspace/v1-checkout.sql")));
            QVERIFY(!script.isEmpty());
            char* error = nullptr;
            QCOMPARE(sqlite3_exec(db, script.constData(), nullptr, nullptr, &error), SQLITE_OK);
            sqlite3_close(db);
        }
        auto opened = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
        QVERIFY2(opened, opened.error().c_str());
        Workspace& workspace = **opened;
        sql::Database& db = workspace.db();
        QCOMPARE(db.queryInt("PRAGMA user_version"), int64_t(WorkspaceSchema::kCurrentVersion));
        QCOMPARE(db.queryInt("PRAGMA page_size"), int64_t(4096)); // an existing file keeps its pages
        // Version 3: the old import is marked as made by importers of version 0, never reused.
        QCOMPARE(db.queryInt("SELECT importer_version FROM sources"), int64_t(0));
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), int64_t(40));
        QCOMPARE(db.queryInt("SELECT count(*) FROM events"), int64_t(2));
        QCOMPARE(db.queryInt("SELECT first_span FROM sources"), db.queryInt("SELECT min(id) FROM spans"));
        QCOMPARE(db.queryInt("SELECT last_span FROM sources"), db.queryInt("SELECT max(id) FROM spans"));
        QCOMPARE(db.queryInt("SELECT count(*) FROM trace_packs"), int64_t(0));

        // The trace list still reads, and the trace opens: its pack is built from the rows once.
        const auto traces = TraceListReader(db).list({});
        QCOMPARE(traces.size(), size_t(1));
        QCOMPARE(traces[0].spanCount, int64_t(40));
        QCOMPARE(traces[0].rootName, std::string("POST /api/checkout"));
        TraceLoader loader(db);
        auto trace = loader.load(traces[0].traceRow);
        QVERIFY(trace);
        QVERIFY(!loader.lastLoadUsedPack());
        QCOMPARE(trace->size(), size_t(40));
        QCOMPARE(std::string(trace->strings.at(trace->service[0])), std::string("api-gateway"));
        trace = loader.load(traces[0].traceRow);
        QVERIFY(loader.lastLoadUsedPack());
        QCOMPARE(trace->size(), size_t(40));
        auto integrity = db.prepare("PRAGMA integrity_check");
        QVERIFY(integrity.step());
        QCOMPARE(std::string(integrity.columnText(0)), std::string("ok"));
    }

    void reusesAnImportOfTheSameFile()
    {
        test::TemporaryWorkspace temporary;
        const ImportOutcome first = importSample(*temporary.workspace);
        QCOMPARE(int(first.status), int(ImportOutcome::Status::Imported));
        const ImportOutcome second = importSample(*temporary.workspace);
        QCOMPARE(int(second.status), int(ImportOutcome::Status::Reused));
        QCOMPARE(second.sourceId, first.sourceId);
        QCOMPARE(second.spans, uint64_t(40));
        const ImportOutcome bypass = importSample(*temporary.workspace, sample(), false);
        QCOMPARE(int(bypass.status), int(ImportOutcome::Status::Imported));
        // The fresh import replaced the old one: one source, 40 spans.
        QCOMPARE(temporary.workspace->db().queryInt("SELECT count(*) FROM sources"), int64_t(1));
        QCOMPARE(temporary.workspace->db().queryInt("SELECT count(*) FROM spans"), int64_t(40));
    }

    void anImportByOlderImportersIsImportedAgain()
    {
        // A cached import made before the importers read zero times and empty ids as they do now
        // must not be reused: the same bytes read differently now.
        test::TemporaryWorkspace temporary;
        const ImportOutcome first = importSample(*temporary.workspace);
        QCOMPARE(int(first.status), int(ImportOutcome::Status::Imported));
        sql::Database& db = temporary.workspace->db();
        QCOMPARE(db.queryInt("SELECT importer_version FROM sources"), int64_t(kImporterVersion));
        db.exec("UPDATE sources SET importer_version = 0");
        const ImportOutcome second = importSample(*temporary.workspace);
        QCOMPARE(int(second.status), int(ImportOutcome::Status::Imported));
        QVERIFY(second.sourceId != first.sourceId);
        QCOMPARE(db.queryInt("SELECT count(*) FROM sources"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT importer_version FROM sources"), int64_t(kImporterVersion));
        QCOMPARE(int(importSample(*temporary.workspace).status), int(ImportOutcome::Status::Reused));
    }

    void aTimeOfZeroAndAMissingTimeStayApartInPacksAndRows()
    {
        // Absence is a flag, not the value 0: the trace's pack and the rows it is rebuilt from
        // both keep a span at the epoch apart from a span without a start, and the summary counts
        // the epoch (100 µs), not the missing one.
        test::TemporaryWorkspace temporary;
        const QString file = temporary.directory.filePath(QStringLiteral("epoch.json"));
        test::writeFile(file, QByteArray(R"({"data": [{"traceID": "00000000000000aa", "spans": [
          {"traceID": "00000000000000aa", "spanID": "0000000000000001", "operationName": "root", "startTime": 0,
           "duration": 100, "processID": "p1"},
          {"traceID": "00000000000000aa", "spanID": "0000000000000002", "operationName": "no start",
           "references": [{"refType": "CHILD_OF", "spanID": "0000000000000001"}], "processID": "p1"}],
          "processes": {"p1": {"serviceName": "svc"}}}]})"));
        const ImportOutcome outcome = importSample(*temporary.workspace, file);
        QVERIFY2(outcome.succeeded(), outcome.error.c_str());
        sql::Database& db = temporary.workspace->db();
        const auto traces = TraceListReader(db).list({});
        QCOMPARE(traces.size(), size_t(1));
        QCOMPARE(traces[0].startNs, int64_t(0));
        QCOMPARE(traces[0].durationNs(), int64_t(100'000));
        for (const bool fromPack : {true, false}) {
            if (!fromPack)
                db.exec("DELETE FROM trace_packs");
            TraceLoader loader(db);
            const auto trace = loader.load(traces[0].traceRow);
            QVERIFY(trace);
            QCOMPARE(loader.lastLoadUsedPack(), fromPack);
            QCOMPARE(trace->size(), size_t(2));
            for (size_t i = 0; i < trace->size(); ++i) {
                const bool root = trace->spanId[i] == 1;
                QCOMPARE(trace->startNs[i], int64_t(0));
                QCOMPARE(bool(trace->flags[i] & SpanFlag::MissingStart), !root);
                QCOMPARE(trace->endNs[i], int64_t(root ? 100'000 : 0));
            }
        }
    }

    void aSpanWithoutTimesDoesNotMoveTheTraceToTheEpoch()
    {
        // The trace list's start and duration come from the times the file has: a span without a
        // start (stored as 0 with the MissingStart flag) is not a span at 1970.
        test::TemporaryWorkspace temporary;
        const QString file = temporary.directory.filePath(QStringLiteral("missing.json"));
        test::writeFile(file, QByteArray(R"({"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "0000000000000001", "name": "root",
           "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000250000000"},
          {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "0000000000000002", "name": "no times",
           "parentSpanId": "0000000000000001"}]}]}]})"));
        const ImportOutcome outcome = importSample(*temporary.workspace, file);
        QVERIFY2(outcome.succeeded(), outcome.error.c_str());
        const auto traces = TraceListReader(temporary.workspace->db()).list({});
        QCOMPARE(traces.size(), size_t(1));
        QCOMPARE(traces[0].startNs, int64_t(1700000000000000000));
        QCOMPARE(traces[0].durationNs(), int64_t(250000000));
    }

    void aChangedFileIsImportedAgainAndReplacesTheOldImport()
    {
        test::TemporaryWorkspace temporary;
        const QString copy = temporary.directory.filePath(QStringLiteral("trace.json"));
        QFile::copy(sample(), copy);
        const ImportOutcome first = importSample(*temporary.workspace, copy);
        QVERIFY(first.succeeded());
        // Same size, new modification time: not the same file any more.
        struct utimbuf times
        {
            1000000000, 1000000000
        };
        QCOMPARE(utime(copy.toUtf8().constData(), &times), 0);
        const ImportOutcome second = importSample(*temporary.workspace, copy);
        QCOMPARE(int(second.status), int(ImportOutcome::Status::Imported));
        QVERIFY(second.sourceId != first.sourceId);
        sql::Database& db = temporary.workspace->db();
        QCOMPARE(db.queryInt("SELECT count(*) FROM sources"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), int64_t(40));
        QCOMPARE(db.queryInt("SELECT count(*) FROM traces"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM trace_packs"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM events"), int64_t(2));
        QCOMPARE(db.queryInt("SELECT count(*) FROM resources"), int64_t(8));
    }

    void saveAsWritesACompactCopyOfTheChosenSources()
    {
        test::TemporaryWorkspace temporary;
        const QString other = test::sourcePath(QStringLiteral("tests/data/workspace/two-traces.otlp.json"));
        const ImportOutcome kept = importSample(*temporary.workspace);
        const ImportOutcome dropped = importSample(*temporary.workspace, other);
        QVERIFY(kept.succeeded());
        QVERIFY2(dropped.succeeded(), dropped.error.c_str());
        const std::string target =
            temporary.directory.filePath(QStringLiteral("saved.spanscope")).toStdString();
        QVERIFY(temporary.workspace->saveAs(target, {kept.sourceId}));
        QVERIFY(!temporary.workspace->saveAs(target)); // never overwrites

        auto saved = Workspace::open(target, Workspace::OpenMode::ExistingOnly);
        QVERIFY(saved);
        sql::Database& db = (*saved)->db();
        QCOMPARE(db.queryInt("SELECT count(*) FROM sources"), int64_t(1));
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), int64_t(40));
        const auto traces = TraceListReader(db).list({});
        QCOMPARE(traces.size(), size_t(1));
        TraceLoader loader(db);
        QCOMPARE(loader.load(traces[0].traceRow)->size(), size_t(40));
        QVERIFY(loader.lastLoadUsedPack());
        // The original is unchanged.
        QCOMPARE(temporary.workspace->db().queryInt("SELECT count(*) FROM sources"), int64_t(2));
    }

    void evictionKeepsRecentFilesAndNeverAnnotatedOnes()
    {
        test::TemporaryWorkspace temporary;
        Workspace& workspace = *temporary.workspace;
        std::vector<int64_t> sources;
        for (int i = 0; i < 5; ++i) {
            const QString copy = temporary.directory.filePath(QStringLiteral("t%1.json").arg(i));
            QFile::copy(sample(), copy);
            const ImportOutcome outcome = importSample(workspace, copy);
            QVERIFY(outcome.succeeded());
            sources.push_back(outcome.sourceId);
            workspace.db().exec(("UPDATE sources SET last_opened_ms = " + std::to_string(1000 + i) +
                                 " WHERE id = " + std::to_string(outcome.sourceId))
                                    .c_str());
        }
        // A note on the oldest file's trace protects it.
        Annotation note;
        note.traceId = *parseHex128("4bf92f3577b34da6a3ce929d0e0e4736");
        note.text = "slow payment";
        QVERIFY(AnnotationStore(workspace.db()).add(note));
        // All five hold the same trace id, so the note protects all of them: remove it and retry.
        QCOMPARE(workspace.evictSources(2), 0);
        workspace.db().exec("DELETE FROM annotations");
        QCOMPARE(workspace.evictSources(2, {sources[0]}), 2);
        auto remaining = workspace.db().prepare("SELECT id FROM sources ORDER BY id");
        std::vector<int64_t> left;
        while (remaining.step())
            left.push_back(remaining.columnInt(0));
        QCOMPARE(left, (std::vector<int64_t>{sources[0], sources[3], sources[4]}));
        QCOMPARE(workspace.db().queryInt("SELECT count(*) FROM spans"), int64_t(3 * 40));
        QCOMPARE(workspace.db().queryInt("SELECT count(*) FROM trace_packs"), int64_t(3));
    }

    void defaultCacheFollowsXdg()
    {
        qputenv("XDG_CACHE_HOME", "/tmp/xdg-test-cache");
        QCOMPARE(QString::fromStdString(Workspace::defaultCachePath()),
                 QStringLiteral("/tmp/xdg-test-cache/spanscope/workspace.spanscope"));
        qputenv("XDG_CACHE_HOME", "relative/is/ignored");
        QVERIFY(QString::fromStdString(Workspace::defaultCachePath())
                    .endsWith(QStringLiteral("/.cache/spanscope/workspace.spanscope")));
    }
};

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "tst_workspace.moc"
