// SPDX-License-Identifier: MIT
#pragma once

#include "CommandSpec.h"

#include <QCoreApplication>
#include <QString>

namespace spanscope::cli {

// The help texts, written from the option specs (Commands): `spanscope --help` (every command,
// the global options, the window's), `spanscope COMMAND --help` (that command's options) and the
// usage line that follows an error.
class CommandHelp
{
    Q_DECLARE_TR_FUNCTIONS(CommandHelp)

public:
    static QString overview();
    static QString of(const CommandSpec& command);
    // "Usage: spanscope stats FILE [--trace ID] ...", and where to find more.
    static QString usage(const CommandSpec& command);
    // "stats FILE [--trace ID] [--group-by service|operation|KEY] ...", wrapped with this indent.
    static QString synopsis(const CommandSpec& command, int indent);
};

} // namespace spanscope::cli
