// SPDX-License-Identifier: MIT
#include "MainWindow.h"
#include "TraceSession.h"
#include "cli/ArgumentParser.h"
#include "cli/ArgumentText.h"
#include "cli/CommandLine.h"
#include "cli/CommandWorkspace.h"
#include "cli/Commands.h"
#include "cli/Display.h"
#include "cli/TerminalText.h"
#include "cli/WindowSelfReport.h"
#include "model/Workspace.h"
#include "views/ViewTheme.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace spanscope;

int runWindow(int argc, char** argv)
{
    // Qt's own options (-platform, -style, -reverse, -qwindowgeometry, ...) are QApplication's to
    // take: it removes them from argv, and what is left is ours. Without a display it takes them
    // offscreen, so that bad usage is still reported as such before "no display".
    const bool display = cli::haveDisplay(argc, argv);
    if (!display) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // This application only reads the arguments and ends: what Qt would say about the
        // offscreen platform (XDG_RUNTIME_DIR, ...) is not the user's concern.
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Spanscope"));
    QApplication::setOrganizationDomain(QStringLiteral("spanscope.org"));
    QApplication::setApplicationVersion(QStringLiteral(SPANSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.spanscope.Spanscope"));

    const auto parsed = cli::ArgumentParser::parse(cli::Commands::window(), cli::decodeArguments(argc, argv));
    if (const int* status = std::get_if<int>(&parsed))
        return *status;
    const auto& args = std::get<cli::ParsedArguments>(parsed);
    if (args.flag("version")) {
        std::printf("spanscope %s\n", SPANSCOPE_VERSION);
        return cli::Success;
    }
    if (!display) {
        std::fprintf(stderr,
                     "spanscope: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
                     "window cannot open.\nRun it in a desktop session, or use the command line without "
                     "a display, for example:\n  spanscope info FILE\nSee spanscope --help.\n");
        return cli::Failure;
    }

    std::string error;
    auto opened = cli::openCommandWorkspace(args, cli::WorkspaceUser::Window, error);
    if (!opened) {
        QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Spanscope"),
                        QApplication::translate("main", "Cannot open the workspace: %1")
                            .arg(QString::fromStdString(error)));
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return cli::Failure;
    }
    auto session = std::make_unique<TraceSession>(std::move(opened->workspace));
    if (const auto path = args.value("workspace")) {
        // As after File → Open Workspace…: the window lists what the chosen workspace holds.
        if (auto again = Workspace::open(*path, Workspace::OpenMode::ExistingOnly))
            session->setWorkspace(std::move(*again));
    }
    MainWindow window(std::move(session));
    // After the window is built, so that it overrides the saved appearance for this run only.
    if (const auto theme = args.value("theme"))
        ViewTheme::applyToApplication(ViewTheme::parse(QString::fromStdString(*theme)));
    window.show();

    QStringList files;
    for (const std::string& file : args.positional())
        files << QFile::decodeName(QByteArray::fromStdString(file));
    // This run's limit, for the files named here and every file opened later in this window.
    window.setCommandLineImport(cli::importsAgain(args), args.number("max-spans"));
    window.openFiles(files);
    cli::reportWhenIdleIfAsked(window, int(files.size()));
    return app.exec();
}

} // namespace

int main(int argc, char** argv)
{
    // Everything that can fail reports itself; this is the last line of defence, so that even an
    // unexpected exception ends with a message and an exit status instead of std::terminate.
    try {
        if (const auto status = spanscope::runCommandLine(argc, argv))
            return *status;
        return runWindow(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "spanscope: %s\n",
                     spanscope::cli::terminalSafe(std::string_view(e.what()), 4000).c_str());
        return spanscope::cli::Failure;
    }
}
