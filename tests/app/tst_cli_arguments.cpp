// SPDX-License-Identifier: MIT
// How the command line reads its arguments, as a user meets it: numbers checked before any work,
// one help per command, unknown options and commands refused with exit status 2, messages safe
// for a terminal, and file names passed on byte for byte.
#include "CliRun.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;

namespace {

using Run = test::CliRun;
using test::runSpanscope;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

int spanCount(const Run& run)
{
    return QJsonDocument::fromJson(run.out)
        .object()[QStringLiteral("files")]
        .toArray()[0]
        .toObject()[QStringLiteral("span_count")]
        .toInt();
}

} // namespace

class CliArgumentsTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cacheDir->isValid());
        m_cache = m_cacheDir->path();
    }

    void badNumbersAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        const QString png = QDir::temp().filePath(QStringLiteral("spanscope-never-written.png"));
        const QStringList info = {QStringLiteral("info"), sample(), QStringLiteral("--max-spans")};
        const QStringList exportTo = {QStringLiteral("export"), sample(), QStringLiteral("--out"), png};
        const struct
        {
            const char* name;
            const char* value;
        } values[] = {{"letters", "abc"},
                      {"negative", "-5"},
                      {"trailing garbage", "12x"},
                      {"empty", ""},
                      {"overflow", "99999999999999999999999"},
                      {"leading space", " 5"},
                      {"plus sign", "+5"},
                      {"hex", "0x10"},
                      {"exponent", "1e3"},
                      {"fraction", "2.5"},
                      {"minus only", "-"}};
        for (const auto& value : values) {
            QTest::addRow("--max-spans, %s", value.name)
                << (info + QStringList{QString::fromUtf8(value.value)}) << QStringLiteral("max-spans")
                << QString::fromUtf8(value.value);
            QTest::addRow("--width, %s", value.name)
                << (exportTo + QStringList{QStringLiteral("--width"), QString::fromUtf8(value.value)})
                << QStringLiteral("width") << QString::fromUtf8(value.value);
        }
        QTest::addRow("--max-spans=abc")
            << QStringList{QStringLiteral("info"), sample(), QStringLiteral("--max-spans=abc")}
            << QStringLiteral("max-spans") << QStringLiteral("abc");
        QTest::addRow("--max-spans 0") << (info + QStringList{QStringLiteral("0")})
                                       << QStringLiteral("max-spans") << QStringLiteral("0");
        QTest::addRow("--width below 400")
            << (exportTo + QStringList{QStringLiteral("--width"), QStringLiteral("399")})
            << QStringLiteral("width") << QStringLiteral("399");
        QTest::addRow("--width above 20000")
            << (exportTo + QStringList{QStringLiteral("--width"), QStringLiteral("20001")})
            << QStringLiteral("width") << QStringLiteral("20001");
        QTest::addRow("--depth negative")
            << (exportTo + QStringList{QStringLiteral("--depth"), QStringLiteral("-1")})
            << QStringLiteral("depth") << QStringLiteral("-1");
        QTest::addRow("--depth beyond 32 bits")
            << (exportTo + QStringList{QStringLiteral("--depth"), QStringLiteral("4294967296")})
            << QStringLiteral("depth") << QStringLiteral("4294967296");
        QTest::addRow("--max-rows 0")
            << (exportTo + QStringList{QStringLiteral("--max-rows"), QStringLiteral("0")})
            << QStringLiteral("max-rows") << QStringLiteral("0");
        QTest::addRow("--max-rows letters")
            << (exportTo + QStringList{QStringLiteral("--max-rows"), QStringLiteral("many")})
            << QStringLiteral("max-rows") << QStringLiteral("many");
        QTest::addRow("spans --max-spans") << QStringList{QStringLiteral("spans"), sample(),
                                                          QStringLiteral("--max-spans"), QStringLiteral("7k")}
                                           << QStringLiteral("max-spans") << QStringLiteral("7k");
        QTest::addRow("stats --max-spans") << QStringList{QStringLiteral("stats"), sample(),
                                                          QStringLiteral("--max-spans"), QStringLiteral("-1")}
                                           << QStringLiteral("max-spans") << QStringLiteral("-1");
    }

    void badNumbersAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QFETCH(QString, value);
        const Run run = runSpanscope(arguments, m_cache);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData()); // nothing was imported or printed
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(QStringLiteral("--") + option + QLatin1Char(':')), run.err.constData());
        if (!value.isEmpty())
            QVERIFY2(err.contains(value), run.err.constData());
        QVERIFY2(err.contains(QStringLiteral("allowed: ")), run.err.constData());
        // The check comes before the import: the shared cache was not even created.
        QVERIFY(!QFile::exists(m_cache + QStringLiteral("/spanscope/workspace.spanscope")));
    }

    void goodNumbersAreUsed()
    {
        const Run separate = runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--max-spans"),
                                           QStringLiteral("5"), QStringLiteral("--json")},
                                          m_cache);
        QCOMPARE(separate.exitCode, 0);
        QCOMPARE(spanCount(separate), 5);
        const Run joined = runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--max-spans=12"),
                                         QStringLiteral("--json"), QStringLiteral("--no-cache")},
                                        m_cache);
        QCOMPARE(joined.exitCode, 0);
        QCOMPARE(spanCount(joined), 12);
        // The last one given counts, as before.
        const Run twice = runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--max-spans=3"),
                                        QStringLiteral("--max-spans=9"), QStringLiteral("--json"),
                                        QStringLiteral("--no-cache")},
                                       m_cache);
        QCOMPARE(spanCount(twice), 9);
    }

    void spanLimitNeitherReusesNorReplacesTheCache()
    {
        const auto info = [this](QStringList options) {
            return runSpanscope(
                QStringList{QStringLiteral("info"), sample(), QStringLiteral("--json")} + options, m_cache);
        };
        const auto cached = [](const Run& run) {
            return QJsonDocument::fromJson(run.out)
                .object()[QStringLiteral("files")]
                .toArray()[0]
                .toObject()[QStringLiteral("cached")]
                .toBool();
        };
        const Run whole = info({});
        QCOMPARE(spanCount(whole), 40);
        const Run cut = info({QStringLiteral("--max-spans"), QStringLiteral("5")});
        QCOMPARE(cut.exitCode, 0);
        QCOMPARE(spanCount(cut), 5); // not the 40 spans imported before
        QCOMPARE(cached(cut), false);
        const Run again = info({});
        QCOMPARE(spanCount(again), 40); // the shared cache still holds the whole import
        QCOMPARE(cached(again), true);
    }

    void eachCommandHasItsOwnHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("own");    // options the help lists
        QTest::addColumn<QStringList>("others"); // options of other commands it must not list
        QTest::newRow("info") << QStringLiteral("info") << QStringList{QStringLiteral("--json")}
                              << QStringList{QStringLiteral("--trace"), QStringLiteral("--group-by")};
        QTest::newRow("spans") << QStringLiteral("spans")
                               << QStringList{QStringLiteral("--trace ID"), QStringLiteral("--json")}
                               << QStringList{QStringLiteral("--to"), QStringLiteral("--width")};
        QTest::newRow("convert") << QStringLiteral("convert")
                                 << QStringList{QStringLiteral(
                                                    "--to otlp-json|otlp-proto|jaeger-json|zipkin-json"),
                                                QStringLiteral("--out OUT"), QStringLiteral("--trace ID")}
                                 << QStringList{QStringLiteral("--json"), QStringLiteral("--group-by")};
        QTest::newRow("critical-path") << QStringLiteral("critical-path")
                                       << QStringList{QStringLiteral("--trace ID"), QStringLiteral("--json")}
                                       << QStringList{QStringLiteral("--group-by"), QStringLiteral("--out")};
        QTest::newRow("stats") << QStringLiteral("stats")
                               << QStringList{QStringLiteral("--group-by service|operation|KEY"),
                                              QStringLiteral("--subgroup-by"), QStringLiteral("--json")}
                               << QStringList{QStringLiteral("--width"), QStringLiteral("--to")};
        QTest::newRow("export") << QStringLiteral("export")
                                << QStringList{QStringLiteral("--width PIXELS"),
                                               QStringLiteral("--depth N"),
                                               QStringLiteral("--max-rows N"),
                                               QStringLiteral("--colour-by"),
                                               QStringLiteral("--out OUT.png|svg|pdf"),
                                               QStringLiteral("--adjust-clock-skew")}
                                << QStringList{QStringLiteral("--json"), QStringLiteral("--group-by")};
    }

    void eachCommandHasItsOwnHelp()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, own);
        QFETCH(QStringList, others);
        for (const QStringList& arguments :
             {QStringList{command, QStringLiteral("--help")}, QStringList{command, QStringLiteral("-h")},
              QStringList{QStringLiteral("help"), command}}) {
            const Run run = runSpanscope(arguments, m_cache);
            QCOMPARE(run.exitCode, 0);
            const QString out = QString::fromUtf8(run.out);
            QVERIFY2(out.startsWith(QStringLiteral("Usage: spanscope ") + command + QLatin1Char(' ')),
                     run.out.constData());
            for (const QString& option : own)
                QVERIFY2(out.contains(option), qPrintable(option + QStringLiteral(" missing:\n") + out));
            for (const QString& option : others)
                QVERIFY2(!out.contains(option), qPrintable(option + QStringLiteral(" listed:\n") + out));
            // Every command takes the global options.
            for (const char* global : {"--no-cache", "--workspace PATH", "--max-spans N", "-h, --help"})
                QVERIFY2(out.contains(QLatin1String(global)), global);
            QVERIFY(out.contains(QStringLiteral("Exit status")));
        }
    }

    void unknownOptionsAndCommandsExitWithTwo()
    {
        for (const char* command : {"info", "spans", "convert", "critical-path", "stats", "export"}) {
            const Run run = runSpanscope(
                {QString::fromLatin1(command), sample(), QStringLiteral("--bogus-option")}, m_cache);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains("bogus-option"), run.err.constData());
            QVERIFY2(run.err.contains(QByteArray(QByteArray("Usage: spanscope ") + command)),
                     run.err.constData());
        }
        const Run mistyped = runSpanscope({QStringLiteral("inf"), sample()}, m_cache);
        QCOMPARE(mistyped.exitCode, 2);
        QVERIFY2(mistyped.err.contains("unknown command \"inf\""), mistyped.err.constData());
        QVERIFY(mistyped.err.contains("info, spans, convert, critical-path, stats, export"));
        const Run afterOptions =
            runSpanscope({QStringLiteral("--no-cache"), QStringLiteral("critical"), sample()}, m_cache);
        QCOMPARE(afterOptions.exitCode, 2);
        QVERIFY(afterOptions.err.contains("unknown command \"critical\""));

        // A flag given a value, a value missing, a required option missing, a choice unknown.
        QCOMPARE(
            runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--json=yes")}, m_cache).exitCode,
            2);
        QCOMPARE(
            runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--workspace")}, m_cache).exitCode,
            2);
        const Run noTo = runSpanscope(
            {QStringLiteral("convert"), sample(), QStringLiteral("--out"), QStringLiteral("-")}, m_cache);
        QCOMPARE(noTo.exitCode, 2);
        QVERIFY2(noTo.err.contains("--to is needed"), noTo.err.constData());
        const Run noOut = runSpanscope({QStringLiteral("export"), sample()}, m_cache);
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY2(noOut.err.contains("--out is needed"), noOut.err.constData());
        const Run colour =
            runSpanscope({QStringLiteral("export"), sample(), QStringLiteral("--out"),
                          QStringLiteral("x.png"), QStringLiteral("--colour-by"), QStringLiteral("rainbow")},
                         m_cache);
        QCOMPARE(colour.exitCode, 2);
        QVERIFY2(colour.err.contains("unknown colouring \"rainbow\" (one of: service, self-time)"),
                 colour.err.constData());
        const Run emptyKey =
            runSpanscope({QStringLiteral("stats"), sample(), QStringLiteral("--group-by=")}, m_cache);
        QCOMPARE(emptyKey.exitCode, 2);
        QVERIFY2(emptyKey.err.contains("--group-by needs a value"), emptyKey.err.constData());
        const Run two = runSpanscope({QStringLiteral("spans"), sample(), sample()}, m_cache);
        QCOMPARE(two.exitCode, 2);
        QVERIFY2(two.err.contains("one FILE only"), two.err.constData());
    }

    void globalOptionsMayComeBeforeTheCommand()
    {
        const Run run =
            runSpanscope({QStringLiteral("--max-spans"), QStringLiteral("4"), QStringLiteral("--no-cache"),
                          QStringLiteral("info"), sample(), QStringLiteral("--json")},
                         m_cache);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(spanCount(run), 4);
    }

    void messagesAreTerminalSafe()
    {
        // ESC and the 8-bit CSI (U+009B) would start escape sequences in a terminal.
        const QString hostile = QStringLiteral("\x1b[2J\u009b31m");
        const Run number =
            runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--max-spans"), hostile}, m_cache);
        QCOMPARE(number.exitCode, 2);
        const Run option =
            runSpanscope({QStringLiteral("info"), sample(), QStringLiteral("--x") + hostile}, m_cache);
        QCOMPARE(option.exitCode, 2);
        const Run trace =
            runSpanscope({QStringLiteral("spans"), sample(), QStringLiteral("--trace"), hostile}, m_cache);
        QCOMPARE(trace.exitCode, 3);
        const Run colour = runSpanscope({QStringLiteral("export"), sample(), QStringLiteral("--out"),
                                         QStringLiteral("a.png"), QStringLiteral("--colour-by"), hostile},
                                        m_cache);
        QCOMPARE(colour.exitCode, 2);
        for (const Run* run : {&number, &option, &trace, &colour}) {
            QVERIFY2(!run->err.contains('\x1b'), run->err.constData());
            QVERIFY2(!run->err.contains("\xc2\x9b"), run->err.constData());
            QVERIFY2(run->err.contains("?[2J"), run->err.constData());
        }
    }

    void fileNamesPassByteForByte()
    {
        // A file name that is not UTF-8 (Latin-1 "café"): a shell passes the bytes as they are.
        QTemporaryDir dir;
        QVERIFY(QFile::copy(sample(), dir.filePath(QStringLiteral("plain.json"))));
        QProcess shell;
        shell.setWorkingDirectory(dir.path());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache);
        environment.remove(QStringLiteral("DISPLAY"));
        shell.setProcessEnvironment(environment);
        shell.start(
            QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral("name=$(printf 'caf\\351.json') && mv plain.json \"$name\" && exec \"$0\" "
                            "info --no-cache \"$name\""),
             QStringLiteral(SPANSCOPE_BINARY)});
        QVERIFY(shell.waitForFinished(60000));
        QCOMPARE(shell.exitCode(), 0);
        const QByteArray out = shell.readAllStandardOutput();
        QVERIFY2(out.contains("caf?.json: otlp-json, 1 trace(s), 40 span(s)"), out.constData());
    }

private:
    std::unique_ptr<QTemporaryDir> m_cacheDir; // a fresh cache for every test function
    QString m_cache;
};

QTEST_GUILESS_MAIN(CliArgumentsTest)
#include "tst_cli_arguments.moc"
