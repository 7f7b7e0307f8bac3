// SPDX-License-Identifier: MIT
#pragma once

#include "views/ViewTheme.h"

#include <QString>
#include <optional>

namespace spanscope {

// View → Appearance: follow the system, light or dark, kept in QSettings under "appearance"
// ("system", "light", "dark"). Read and applied on the UI thread.
class AppearanceSetting
{
public:
    static QString key() { return QStringLiteral("appearance"); }
    // nullopt: follow the system (also for a missing or unknown value).
    static std::optional<Appearance> load();
    static void save(std::optional<Appearance> appearance);
    static QString name(std::optional<Appearance> appearance);
};

} // namespace spanscope
