// SPDX-License-Identifier: MIT
#include "Display.h"

#include <QtGlobal>
#include <cstdlib>
#include <cstring>

namespace spanscope::cli {

bool haveDisplay(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        // Qt takes its options with one dash or two, the value as the next argument.
        const char* name = argv[i];
        if (std::strncmp(name, "--", 2) == 0)
            ++name;
        if (std::strcmp(name, "-platform") == 0 && i + 1 < argc)
            return true;
    }
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    const auto set = [](const char* variable) {
        const char* value = std::getenv(variable);
        return value && *value;
    };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

} // namespace spanscope::cli
