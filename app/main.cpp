// SPDX-License-Identifier: MIT
#include "MainWindow.h"
#include "TraceSession.h"
#include "cli/CommandLine.h"
#include "model/Workspace.h"

#include <QApplication>
#include <QMessageBox>
#include <cstdio>
#include <cstdlib>

namespace {

// Qt aborts when it finds no display; say why, and what works without one.
bool haveDisplay()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const auto set = [](const char* name) {
        const char* value = std::getenv(name);
        return value && *value;
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

} // namespace

int main(int argc, char** argv)
{
    if (const auto status = spanscope::runCommandLine(argc, argv))
        return *status;

    if (!haveDisplay()) {
        std::fprintf(stderr,
                     "spanscope: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
                     "window cannot open.\nRun it in a desktop session, or use the command line without "
                     "a display, for example:\n  spanscope info FILE\nSee spanscope --help.\n");
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Spanscope"));
    QApplication::setOrganizationDomain(QStringLiteral("spanscope.org"));
    QApplication::setApplicationVersion(QStringLiteral(SPANSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.spanscope.Spanscope"));

    auto workspace = spanscope::Workspace::open(spanscope::Workspace::defaultCachePath(),
                                                spanscope::Workspace::OpenMode::CreateIfMissing);
    if (!workspace) {
        QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Spanscope"),
                        QApplication::translate("main", "Cannot open the workspace: %1")
                            .arg(QString::fromStdString(workspace.error())));
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return 1;
    }
    spanscope::MainWindow window(std::make_unique<spanscope::TraceSession>(std::move(*workspace)));
    window.show();
    QStringList files = QApplication::arguments().mid(1);
    window.openFiles(files);
    return app.exec();
}
