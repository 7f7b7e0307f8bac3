// SPDX-License-Identifier: MIT
#include "ArgumentParser.h"

#include "ArgumentText.h"
#include "CommandHelp.h"
#include "CommandLine.h"
#include "Commands.h"
#include "TerminalText.h"
#include "WholeNumber.h"

#include <QCommandLineParser>

namespace spanscope::cli {

int ArgumentParser::usageError(const CommandSpec& command, const QString& message)
{
    const QString program =
        command.name.isEmpty() ? QStringLiteral("spanscope") : QStringLiteral("spanscope ") + command.name;
    writeText(stderr,
              program + QStringLiteral(": ") + message + QLatin1Char('\n') + CommandHelp::usage(command));
    return Usage;
}

std::variant<ParsedArguments, int> ArgumentParser::parse(const CommandSpec& command,
                                                         const QStringList& arguments)
{
    std::vector<const OptionSpec*> options;
    for (const OptionSpec& option : command.options)
        options.push_back(&option);
    for (const OptionSpec& option : Commands::global())
        options.push_back(&option);

    QCommandLineParser parser;
    // "-platform" is one (unknown) word, not -p -l -a ...; "-h" still means --help.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec* option : options)
        parser.addOption(QCommandLineOption(option->names, option->description, option->valueName));
    const bool parsed = parser.parse(QStringList{QStringLiteral("spanscope")} + arguments);
    if (parser.isSet(QStringLiteral("help"))) {
        writeText(stdout, command.name.isEmpty() ? CommandHelp::overview() : CommandHelp::of(command));
        return Success;
    }
    if (!parsed)
        return usageError(command, terminalSafe(parser.errorText()));

    ParsedArguments result;
    for (const OptionSpec* option : options) {
        const QString name = option->name();
        if (!parser.isSet(name)) {
            if (option->required)
                return usageError(command, tr("--%1 is needed").arg(name));
            continue;
        }
        const std::string key = name.toStdString();
        if (option->kind == OptionSpec::Kind::Flag) {
            result.m_flags.insert(key);
            continue;
        }
        const QString value = parser.values(name).constLast(); // the last one given counts
        if (option->kind == OptionSpec::Kind::Number) {
            const auto number = WholeNumber::parse(name, value, option->minimum, option->maximum);
            if (const QString* error = std::get_if<QString>(&number))
                return usageError(command, *error);
            result.m_numbers[key] = std::get<uint64_t>(number);
            continue;
        }
        if (value.isEmpty())
            return usageError(command, tr("--%1 needs a value (%2)").arg(name, option->valueName));
        if (option->kind == OptionSpec::Kind::Choice && !option->choices.contains(value))
            return usageError(command, tr("unknown %1 \"%2\" (one of: %3)")
                                           .arg(option->choiceNoun, terminalSafe(value),
                                                option->choices.join(QStringLiteral(", "))));
        result.m_values[key] = encodeArgument(value);
    }

    const QStringList files = parser.positionalArguments();
    const qsizetype count = files.size();
    if (count < command.minimumFiles)
        return usageError(command, command.maximumFiles == 1 ? tr("a FILE is needed") : tr("no FILE given"));
    if (command.maximumFiles >= 0 && count > command.maximumFiles) {
        return usageError(command,
                          command.maximumFiles == 0
                              ? tr("no FILE is taken, \"%1\" was given").arg(terminalSafe(files.front()))
                              : tr("one FILE only, %1 were given").arg(count));
    }
    for (const QString& file : files)
        result.m_positional.push_back(encodeArgument(file));
    return result;
}

} // namespace spanscope::cli
