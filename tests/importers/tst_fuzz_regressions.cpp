// SPDX-License-Identifier: MIT
// Replays every input the fuzzers found (tests/data/fuzz-regressions/<target>/*) and every seed
// (tests/fuzz/corpus/<target>/*) through the entry point its fuzz target uses (tests/fuzz/
// FuzzTargets.h, the same code): each must be read or refused with an ImportFailure, never crash,
// hang, or break an invariant of the checking sink. The asan preset runs it under the sanitizers the
// fuzzers use; the normal build keeps the inputs in the everyday test run (docs/FUZZING.md).
#include "TestSupport.h"
#include "tests/fuzz/FuzzTargets.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace spanscope;

namespace {

// One row per file under ROOT/<target>/.
void addRows(const QString& root, const char* kind)
{
    const QDir rootDir(test::sourcePath(root));
    int rows = 0;
    for (const QString& target : rootDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir targetDir(rootDir.filePath(target));
        for (const QString& file : targetDir.entryList(QDir::Files, QDir::Name)) {
            const QString row = QLatin1String(kind) + QLatin1Char(':') + target + QLatin1Char('/') + file;
            QTest::newRow(row.toUtf8().constData()) << target << targetDir.filePath(file);
            ++rows;
        }
    }
    if (rows == 0)
        QTest::newRow("none") << QString() << QString(); // the committed corpus is missing: replayFile fails
}

void replayFile(const QString& target, const QString& path)
{
    if (path.isEmpty())
        QFAIL("no seed or finding under tests/fuzz/corpus or tests/data/fuzz-regressions: the corpus is "
              "missing");
    const auto& entryPoints = fuzz::entryPoints();
    const auto entry = entryPoints.find(target.toStdString());
    QVERIFY2(entry != entryPoints.end(), qPrintable(QStringLiteral("no fuzz entry point named ") + target));
    const QByteArray bytes = test::readFile(path);
    try {
        entry->second(std::string_view(bytes.constData(), size_t(bytes.size())));
    } catch (const fuzz::InvariantViolation& violation) {
        QFAIL(qPrintable(QStringLiteral("invariant broken: ") + QString::fromUtf8(violation.what())));
    } catch (const std::exception& error) {
        // Entry points let through only what must not escape an import (ImportFailure is handled).
        QFAIL(qPrintable(QStringLiteral("exception escaped: ") + QString::fromUtf8(error.what())));
    }
}

} // namespace

class FuzzRegressionsTest : public QObject
{
    Q_OBJECT

private slots:
    // Every fuzz_<name>.cpp has an entry point, a seed corpus and a dictionary mapping in run.sh.
    void everyTargetIsWired()
    {
        const QDir fuzzDir(test::sourcePath(QStringLiteral("tests/fuzz")));
        const QStringList sources = fuzzDir.entryList({QStringLiteral("fuzz_*.cpp")}, QDir::Files);
        QVERIFY(!sources.isEmpty());
        const std::string runner = test::readFile(fuzzDir.filePath(QStringLiteral("run.sh"))).toStdString();
        for (const QString& source : sources) {
            const QString name = QFileInfo(source).completeBaseName().mid(5);
            const std::string id = name.toStdString();
            QVERIFY2(fuzz::entryPoints().count(id), qPrintable(name));
            QVERIFY2(!QDir(fuzzDir.filePath(QStringLiteral("corpus/") + name)).isEmpty(), qPrintable(name));
            // run.sh's `case` names each target in a pattern: "name)", "name |" or "| name".
            const bool inRunner = runner.find("    " + id + ")") != std::string::npos ||
                                  runner.find(" " + id + " |") != std::string::npos ||
                                  runner.find("| " + id + ")") != std::string::npos ||
                                  runner.find("| " + id + " |") != std::string::npos;
            QVERIFY2(inRunner, qPrintable(name + QStringLiteral(" has no dictionary line in run.sh")));
        }
        QCOMPARE(size_t(sources.size()), fuzz::entryPoints().size());
    }

    void regressions_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("tests/data/fuzz-regressions"), "regression");
    }
    void regressions()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        replayFile(target, path);
    }

    void seeds_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        addRows(QStringLiteral("tests/fuzz/corpus"), "seed");
    }
    void seeds()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        replayFile(target, path);
    }
};

QTEST_GUILESS_MAIN(FuzzRegressionsTest)
#include "tst_fuzz_regressions.moc"
