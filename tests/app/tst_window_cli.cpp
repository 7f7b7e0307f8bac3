// SPDX-License-Identifier: MIT
// The window as started from a shell: Qt's own options reach QApplication, and the global options
// (--workspace, --max-spans, --no-cache) and --theme work for the window as for the commands. The
// real binary runs on Qt's offscreen platform with SPANSCOPE_REPORT_AND_QUIT=1: once the window
// is shown and the files imported, it prints what it runs with and quits.
#include "CliRun.h"
#include "TestSupport.h"
#include "model/Workspace.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;

namespace {

using Run = test::CliRun;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

} // namespace

class WindowCliTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void qtOptionsReachQApplication()
    {
        const Run run =
            window({QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-style"),
                    QStringLiteral("windows"), QStringLiteral("-reverse"), sample()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("window: shown\n"), run.out.constData());
        QVERIFY2(run.out.contains("style: windows\n"), run.out.constData());
        QVERIFY2(run.out.contains("layout: right-to-left\n"), run.out.constData());
        QVERIFY2(run.out.contains("checkout.otlp.json: 40 span(s)\n"), run.out.constData());

        // Two dashes work as Qt allows, and so do the geometry and the style sheet.
        const QString sheet = m_dir->filePath(QStringLiteral("sheet.qss"));
        test::writeFile(sheet, "QLabel { color: red; }");
        const Run more = window({QStringLiteral("--platform"), QStringLiteral("offscreen"),
                                 QStringLiteral("-qwindowgeometry"), QStringLiteral("800x600+0+0"),
                                 QStringLiteral("-stylesheet"), sheet});
        QVERIFY2(more.exitCode == 0, more.err.constData());
        QVERIFY2(more.out.contains("window: shown\n"), more.out.constData());
    }

    void workspaceAndSpanLimitForTheWindow()
    {
        const QString path = m_dir->filePath(QStringLiteral("mine.spanscope"));
        const Run run =
            window({QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--workspace"),
                    path, QStringLiteral("--max-spans"), QStringLiteral("7"), sample()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains(QByteArray(QByteArray("workspace: ") + path.toUtf8() + "\n")),
                 run.out.constData());
        QVERIFY2(run.out.contains("checkout.otlp.json: 7 span(s)\n"), run.out.constData());
        auto workspace = Workspace::open(path.toStdString(), Workspace::OpenMode::ExistingOnly);
        QVERIFY2(workspace, workspace.error().c_str());
        QCOMPARE((*workspace)->db().queryInt("SELECT count(*) FROM sources"), 1);
        QCOMPARE((*workspace)->db().queryInt("SELECT count(*) FROM spans"), 7);
        QVERIFY(!QFile::exists(cache() + QStringLiteral("/spanscope/workspace.spanscope")));

        // Opened again without files, the window lists what the workspace holds.
        const Run reopened = window({QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                     QStringLiteral("--workspace=") + path});
        QVERIFY2(reopened.exitCode == 0, reopened.err.constData());
        QVERIFY2(reopened.out.contains("sources shown: 1\n"), reopened.out.constData());
    }

    void spanLimitForTheWindowAfterAWholeImport()
    {
        // The shared cache holds the whole file; the window with --max-spans imports it again, cut.
        QCOMPARE(test::runSpanscope({QStringLiteral("info"), sample()}, cache()).exitCode, 0);
        const Run run = window({QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                QStringLiteral("--max-spans=9"), sample()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("checkout.otlp.json: 9 span(s)\n"), run.out.constData());
        const Run after = test::runSpanscope({QStringLiteral("info"), sample()}, cache());
        QVERIFY2(after.out.contains("1 trace(s), 40 span(s) [cached]"), after.out.constData());
    }

    void noCacheWindowUsesAThrowAwayWorkspace()
    {
        const QString temporary = m_dir->filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(temporary));
        const Run run = window({QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                QStringLiteral("--no-cache"), sample()},
                               temporary);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains(QByteArray(QByteArray("workspace: ") + temporary.toUtf8() + "/spanscope-")),
                 run.out.constData());
        QVERIFY2(run.out.contains("checkout.otlp.json: 40 span(s)\n"), run.out.constData());
        QCOMPARE(QDir(temporary).entryList({QStringLiteral("spanscope-*")}, QDir::AllEntries), QStringList());
        QVERIFY(!QFile::exists(cache() + QStringLiteral("/spanscope/workspace.spanscope")));
    }

    void themeForThisRun()
    {
        const Run dark = window({QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                 QStringLiteral("--theme"), QStringLiteral("dark")});
        QVERIFY2(dark.exitCode == 0, dark.err.constData());
        QVERIFY2(dark.out.contains("appearance: dark\n"), dark.out.constData());
        const Run light = window(
            {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--theme=light")});
        QVERIFY2(light.out.contains("appearance: light\n"), light.out.constData());
    }

    void windowUsageErrorsComeFirst()
    {
        // Without a display, bad usage is still bad usage (2), and Qt's options are not "unknown".
        const Run number =
            test::runSpanscope({QStringLiteral("--max-spans"), QStringLiteral("abc"), sample()}, cache());
        QCOMPARE(number.exitCode, 2);
        QVERIFY2(number.err.contains("--max-spans: \"abc\" is not a whole number"), number.err.constData());
        QVERIFY2(!number.err.contains("QStandardPaths"), number.err.constData());
        const Run theme = test::runSpanscope({QStringLiteral("--theme"), QStringLiteral("blue")}, cache());
        QCOMPARE(theme.exitCode, 2);
        QVERIFY2(theme.err.contains("unknown theme \"blue\" (one of: light, dark)"), theme.err.constData());
        const Run unknown = test::runSpanscope({QStringLiteral("--bogus"), sample()}, cache());
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("bogus"), unknown.err.constData());
        const Run qtOption =
            test::runSpanscope({QStringLiteral("-style"), QStringLiteral("windows"), sample()}, cache());
        QCOMPARE(qtOption.exitCode, 1);
        QVERIFY2(qtOption.err.contains("no display found"), qtOption.err.constData());
        const Run noCache = test::runSpanscope({QStringLiteral("--no-cache"), sample()}, cache());
        QCOMPARE(noCache.exitCode, 1);
        QVERIFY2(noCache.err.contains("no display found"), noCache.err.constData());
        const Run help =
            test::runSpanscope({QStringLiteral("--no-cache"), QStringLiteral("--help")}, cache());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Options of the window:"));
    }

private:
    QString cache() const { return m_dir->filePath(QStringLiteral("cache")); }

    Run window(const QStringList& arguments, const QString& temporaryDirectory = QString()) const
    {
        QMap<QString, QString> environment{
            {QStringLiteral("SPANSCOPE_REPORT_AND_QUIT"), QStringLiteral("1")}};
        if (!temporaryDirectory.isEmpty())
            environment.insert(QStringLiteral("TMPDIR"), temporaryDirectory);
        return test::runSpanscope(arguments, cache(), environment);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(WindowCliTest)
#include "tst_window_cli.moc"
