// SPDX-License-Identifier: MIT
// Workspace::OpenMode::Scratch, the throw-away workspace of `spanscope COMMAND --no-cache`: no log
// on disk, nothing synced, yet an import that fails still rolls back and the next one works.
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "model/Workspace.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;

namespace {

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

std::string pragmaText(sql::Database& db, const char* pragma)
{
    auto statement = db.prepare(pragma);
    return statement.step() ? std::string(statement.columnText(0)) : std::string();
}

} // namespace

class ScratchWorkspaceTest : public QObject
{
    Q_OBJECT

private slots:
    void keepsNoLogAndSyncsNothing()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("scratch.spanscope")).toStdString();
        {
            auto workspace = Workspace::open(path, Workspace::OpenMode::Scratch);
            QVERIFY2(workspace, workspace.error().c_str());
            sql::Database& db = (*workspace)->db();
            QCOMPARE(pragmaText(db, "PRAGMA journal_mode"), std::string("memory"));
            QCOMPARE(db.queryInt("PRAGMA synchronous", -1), 0); // OFF
            QCOMPARE(db.queryInt("PRAGMA page_size"), 16384);

            ImportOptions options;
            options.reuseCached = false;
            const ImportOutcome outcome = importFile(**workspace, sample().toStdString(), options);
            QVERIFY2(outcome.succeeded(), outcome.error.c_str());
            QCOMPARE(outcome.spans, uint64_t(40));
            // While it is open and after the import's commit: the database file and nothing else.
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                     QStringList{QStringLiteral("scratch.spanscope")});
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("scratch.spanscope")});
        // What was committed is in the file itself.
        auto reopened = Workspace::open(path, Workspace::OpenMode::ExistingOnly);
        QVERIFY2(reopened, reopened.error().c_str());
        QCOMPARE((*reopened)->db().queryInt("SELECT count(*) FROM spans"), 40);
    }

    void failedImportRollsBack()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        test::writeFile(broken,
                        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"01\"\n,,]}");
        auto workspace = Workspace::open(dir.filePath(QStringLiteral("scratch.spanscope")).toStdString(),
                                         Workspace::OpenMode::Scratch);
        QVERIFY2(workspace, workspace.error().c_str());
        ImportOptions options;
        options.reuseCached = false;
        const ImportOutcome failed = importFile(**workspace, broken.toStdString(), options);
        QVERIFY(!failed.succeeded());
        sql::Database& db = (*workspace)->db();
        QCOMPARE(db.queryInt("SELECT count(*) FROM sources"), 0);
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), 0);
        QCOMPARE(db.queryInt("SELECT count(*) FROM traces"), 0);
        const ImportOutcome good = importFile(**workspace, sample().toStdString(), options);
        QVERIFY2(good.succeeded(), good.error.c_str());
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans"), 40);
        QCOMPARE(pragmaText(db, "PRAGMA integrity_check"), std::string("ok"));
    }

    void otherModesStayDurable()
    {
        QTemporaryDir dir;
        auto workspace = Workspace::open(dir.filePath(QStringLiteral("w.spanscope")).toStdString(),
                                         Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(workspace, workspace.error().c_str());
        QCOMPARE(pragmaText((*workspace)->db(), "PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE((*workspace)->db().queryInt("PRAGMA synchronous", -1), 1); // NORMAL
    }
};

QTEST_GUILESS_MAIN(ScratchWorkspaceTest)
#include "tst_scratch_workspace.moc"
