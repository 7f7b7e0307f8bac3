// SPDX-License-Identifier: MIT
#include "WindowSelfReport.h"

#include "CommandLine.h"
#include "TerminalText.h"
#include "app/MainWindow.h"

#include <QApplication>
#include <QStyle>
#include <QTimer>
#include <memory>

namespace spanscope::cli {

namespace {

struct Progress
{
    int expected = 0;
    int finished = 0;
    bool failed = false;
    QString lines;
};

void reportAndQuit(MainWindow& window, const Progress& progress)
{
    window.session().waitForIdle();
    const QPalette palette = QApplication::palette();
    QString out;
    out += QStringLiteral("window: %1\n")
               .arg(window.isVisible() ? QStringLiteral("shown") : QStringLiteral("hidden"));
    out += QStringLiteral("style: %1\n").arg(QApplication::style()->name());
    out += QStringLiteral("layout: %1\n")
               .arg(QApplication::layoutDirection() == Qt::RightToLeft ? QStringLiteral("right-to-left")
                                                                       : QStringLiteral("left-to-right"));
    out += QStringLiteral("appearance: %1\n")
               .arg(palette.color(QPalette::Window).lightness() < 128 ? QStringLiteral("dark")
                                                                      : QStringLiteral("light"));
    out += QStringLiteral("workspace: %1\n")
               .arg(terminalSafe(QString::fromStdString(window.session().workspace().path()), 1000));
    out += QStringLiteral("sources shown: %1\n").arg(window.session().openSources().size());
    out += progress.lines;
    writeText(stdout, out);
    std::fflush(stdout);
    QCoreApplication::exit(progress.failed ? BadInput : Success);
}

} // namespace

void reportWhenIdleIfAsked(MainWindow& window, int expectedImports)
{
    if (qEnvironmentVariableIntValue("SPANSCOPE_REPORT_AND_QUIT") != 1)
        return;
    auto progress = std::make_shared<Progress>();
    progress->expected = expectedImports;
    QObject::connect(
        &window.session(), &TraceSession::importFinished, &window,
        [&window, progress](const ImportOutcome& outcome) {
            ++progress->finished;
            if (outcome.succeeded()) {
                progress->lines += QStringLiteral("imported: %1: %2 span(s)\n")
                                       .arg(terminalSafe(QString::fromStdString(outcome.path), 1000))
                                       .arg(outcome.spans);
            } else {
                progress->failed = true;
                progress->lines += QStringLiteral("failed: %1\n")
                                       .arg(terminalSafe(QString::fromStdString(outcome.error), 1000));
            }
            if (progress->finished == progress->expected)
                QTimer::singleShot(0, &window, [&window, progress] { reportAndQuit(window, *progress); });
        });
    if (expectedImports == 0)
        QTimer::singleShot(0, &window, [&window, progress] { reportAndQuit(window, *progress); });
}

} // namespace spanscope::cli
