// SPDX-License-Identifier: MIT
#include "CommandLine.h"

#include "ArgumentParser.h"
#include "ArgumentText.h"
#include "CommandHelp.h"
#include "Commands.h"
#include "TerminalText.h"

#include <QRegularExpression>
#include <cstdio>
#include <filesystem>

namespace spanscope {

namespace cli {

namespace {

class Dispatch
{
    Q_DECLARE_TR_FUNCTIONS(Dispatch)

public:
    // Where the command word is: the first argument that is neither a global option nor the value
    // of one ("spanscope --no-cache info FILE" works like "spanscope info --no-cache FILE"). The
    // scan stops at anything else that starts with '-' (Qt's options, say): that is the window's.
    static qsizetype commandIndex(const QStringList& arguments)
    {
        for (qsizetype i = 0; i < arguments.size(); ++i) {
            const QString& argument = arguments.at(i);
            if (argument == QLatin1String("--"))
                return -1;
            if (!argument.startsWith(QLatin1Char('-')) || argument.size() == 1)
                return i;
            QString name = argument.mid(argument.startsWith(QLatin1String("--")) ? 2 : 1);
            const bool inlineValue = name.contains(QLatin1Char('='));
            name = name.section(QLatin1Char('='), 0, 0);
            const OptionSpec* global = nullptr;
            for (const OptionSpec& option : Commands::global()) {
                if (option.names.contains(name))
                    global = &option;
            }
            if (!global)
                return -1;
            if (global->kind != OptionSpec::Kind::Flag && !inlineValue)
                ++i;
        }
        return -1;
    }

    // A word that reads like a command and names no file: a mistyped command, not a trace to open.
    static bool looksLikeCommand(const QString& word)
    {
        static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z-]*$"));
        std::error_code error;
        return pattern.match(word).hasMatch() && !std::filesystem::exists(encodeArgument(word), error);
    }

    static int unknownCommand(const QString& word)
    {
        QStringList names;
        for (const CommandSpec& command : Commands::all())
            names << command.name;
        writeText(stderr, tr("spanscope: unknown command \"%1\" (the commands: %2)\n"
                             "To open a file of that name in the window: spanscope ./%1\n"
                             "Run \"spanscope --help\" for the usage.\n")
                              .arg(terminalSafe(word), names.join(QStringLiteral(", "))));
        return Usage;
    }
};

} // namespace

} // namespace cli

std::optional<int> runCommandLine(int argc, char** argv)
{
    using namespace cli;
    QStringList arguments = decodeArguments(argc, argv);
    if (arguments.isEmpty())
        return std::nullopt;
    const QString& first = arguments.front();
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        std::printf("spanscope %s\n", SPANSCOPE_VERSION);
        return Success;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        // "spanscope help stats" is "spanscope stats --help".
        const CommandSpec* command = arguments.size() > 1 ? Commands::find(arguments.at(1)) : nullptr;
        writeText(stdout, command ? CommandHelp::of(*command) : CommandHelp::overview());
        return Success;
    }
    const qsizetype index = Dispatch::commandIndex(arguments);
    if (index < 0)
        return std::nullopt; // options only, or Qt's: the window
    if (const CommandSpec* command = Commands::find(arguments.at(index))) {
        arguments.removeAt(index);
        const auto parsed = ArgumentParser::parse(*command, arguments);
        if (const int* status = std::get_if<int>(&parsed))
            return *status;
        return command->run(std::get<ParsedArguments>(parsed));
    }
    if (Dispatch::looksLikeCommand(arguments.at(index)))
        return Dispatch::unknownCommand(arguments.at(index));
    return std::nullopt; // file names: open the window
}

} // namespace spanscope
