// SPDX-License-Identifier: MIT
#include "CommandHelp.h"

#include "Commands.h"

namespace spanscope::cli {

namespace {

constexpr int kWidth = 100;
constexpr int kOptionColumn = 34;

QString optionSyntax(const OptionSpec& option)
{
    QString text = QStringLiteral("--") + option.name();
    if (option.kind != OptionSpec::Kind::Flag)
        text += QLatin1Char(' ') + option.valueName;
    return option.required ? text : QLatin1Char('[') + text + QLatin1Char(']');
}

// Words joined by spaces, broken before a word that would pass the width.
QString wrap(const QStringList& words, int firstColumn, int indent)
{
    QString out;
    int column = firstColumn;
    for (const QString& word : words) {
        if (!out.isEmpty() && column + 1 + word.size() > kWidth) {
            out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            column = indent;
        } else if (!out.isEmpty()) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += int(word.size());
    }
    return out;
}

QString optionLines(const std::vector<OptionSpec>& options)
{
    QString out;
    for (const OptionSpec& option : options) {
        QString names = QStringLiteral("--") + option.name();
        for (qsizetype i = 1; i < option.names.size(); ++i)
            names = QStringLiteral("-") + option.names.at(i) + QStringLiteral(", ") + names;
        if (option.kind != OptionSpec::Kind::Flag)
            names += QLatin1Char(' ') + option.valueName;
        QString line = QStringLiteral("  ") + names;
        if (line.size() + 2 > kOptionColumn)
            line += QLatin1Char('\n') + QString(kOptionColumn, QLatin1Char(' '));
        else
            line = line.leftJustified(kOptionColumn);
        out += line + wrap(option.description.split(QLatin1Char(' ')), kOptionColumn, kOptionColumn) +
               QLatin1Char('\n');
    }
    return out;
}

QString exitStatus()
{
    return CommandHelp::tr("Exit status: 0 success, 1 the output could not be written, 2 bad usage, 3 bad "
                           "input\n(the message names the file and the place).\n");
}

} // namespace

QString CommandHelp::synopsis(const CommandSpec& command, int indent)
{
    QStringList words;
    if (!command.name.isEmpty())
        words << command.name;
    words << command.fileSyntax;
    for (const OptionSpec& option : command.options) {
        if (option.name() != QLatin1String("version"))
            words << optionSyntax(option);
    }
    return wrap(words, indent, indent + 4);
}

QString CommandHelp::usage(const CommandSpec& command)
{
    const QString program =
        command.name.isEmpty() ? QStringLiteral("spanscope") : QStringLiteral("spanscope ") + command.name;
    return tr("Usage: spanscope %1\nRun \"%2 --help\" for the options.\n")
        .arg(synopsis(command, 17), program);
}

QString CommandHelp::of(const CommandSpec& command)
{
    QString out = QStringLiteral("Usage: spanscope ") + synopsis(command, 17) + QLatin1Char('\n');
    QString summary = command.summary;
    summary[0] = summary.at(0).toUpper();
    out += QLatin1Char('\n') + summary + QStringLiteral(".\n\n");
    if (!command.options.empty())
        out += tr("Options:\n") + optionLines(command.options) + QLatin1Char('\n');
    out += tr("Options for every command and the window:\n") + optionLines(Commands::global());
    out += QLatin1Char('\n') + exitStatus();
    return out;
}

QString CommandHelp::overview()
{
    QString out = tr("Usage: spanscope [OPTIONS] [FILE...]         open the window (with the files)\n"
                     "       spanscope COMMAND [OPTIONS] FILE...   work without a window\n"
                     "       spanscope COMMAND --help              the options of one command\n");
    out += tr("\nCommands:\n");
    for (const CommandSpec& command : Commands::all()) {
        out += QStringLiteral("  ") + synopsis(command, 2) + QLatin1Char('\n');
        out += QStringLiteral("      ") + wrap(command.summary.split(QLatin1Char(' ')), 6, 6) +
               QLatin1Char('\n');
    }
    out += tr("\nOptions for every command and the window:\n") + optionLines(Commands::global());
    out += tr("\nOptions of the window:\n") + optionLines(Commands::window().options);
    out +=
        tr("  Qt's own options too: -platform NAME, -style NAME, -stylesheet FILE, -reverse,\n"
           "  -qwindowgeometry WxH+X+Y (-geometry on X11), -qwindowtitle TITLE, -platformtheme NAME, ...\n");
    out += QLatin1Char('\n') + exitStatus();
    return out;
}

} // namespace spanscope::cli
