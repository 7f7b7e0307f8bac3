// SPDX-License-Identifier: MIT
#include "AppearanceSetting.h"

#include <QSettings>

namespace spanscope {

std::optional<Appearance> AppearanceSetting::load()
{
    return ViewTheme::parse(QSettings().value(key()).toString());
}

void AppearanceSetting::save(std::optional<Appearance> appearance)
{
    QSettings().setValue(key(), name(appearance));
}

QString AppearanceSetting::name(std::optional<Appearance> appearance)
{
    return appearance ? ViewTheme::name(*appearance) : QStringLiteral("system");
}

} // namespace spanscope
