// SPDX-License-Identifier: MIT
#pragma once

#include "CommandSpec.h"

#include <optional>

namespace spanscope {

namespace cli {

// Exit statuses of every command (docs/ARCHITECTURE.md).
enum ExitCode
{
    Success = 0,
    Failure = 1,
    Usage = 2,
    BadInput = 3
};

int runInfo(const ParsedArguments& args);
int runExport(const ParsedArguments& args);
int runSpans(const ParsedArguments& args);
int runConvert(const ParsedArguments& args);
int runCriticalPath(const ParsedArguments& args);
int runStats(const ParsedArguments& args);

} // namespace cli

// Runs the command line if argv asks for a command (or --help/--version, or names an unknown
// command); returns the exit status, or nullopt when the window should start instead.
std::optional<int> runCommandLine(int argc, char** argv);

} // namespace spanscope
