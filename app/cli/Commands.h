// SPDX-License-Identifier: MIT
#pragma once

#include "CommandSpec.h"

#include <QCoreApplication>
#include <vector>

namespace spanscope::cli {

// The command line's vocabulary in one place: every command with its options, the options every
// command and the window share, and the window's own.
class Commands
{
    Q_DECLARE_TR_FUNCTIONS(Commands)

public:
    static const std::vector<CommandSpec>& all();
    static const CommandSpec* find(const QString& name);
    // --no-cache, --workspace PATH, --max-spans N, -h/--help: accepted by every command and the window.
    static const std::vector<OptionSpec>& global();
    // The window: `spanscope [OPTIONS] [FILE...]`, with --theme and --version.
    static const CommandSpec& window();
};

} // namespace spanscope::cli
