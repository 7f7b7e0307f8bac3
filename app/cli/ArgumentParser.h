// SPDX-License-Identifier: MIT
#pragma once

#include "CommandSpec.h"

#include <QCoreApplication>
#include <QStringList>
#include <variant>

namespace spanscope::cli {

// Checks one run's arguments against a command's options (its own and the global ones) with
// QCommandLineParser. Every problem ends the same way: "spanscope COMMAND: what" and the usage on
// stderr, exit status 2; --help prints the command's help, exit status 0.
class ArgumentParser
{
    Q_DECLARE_TR_FUNCTIONS(ArgumentParser)

public:
    // The checked arguments, or the exit status when help or an error was printed.
    static std::variant<ParsedArguments, int> parse(const CommandSpec& command, const QStringList& arguments);
    // Prints "spanscope COMMAND: message" and the command's usage; returns the usage exit status.
    static int usageError(const CommandSpec& command, const QString& message);
};

} // namespace spanscope::cli
