// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace spanscope::test {

// One run of the real spanscope binary, as a user runs it from a shell without a display.
struct CliRun
{
    int exitCode = -1; // -1: crashed or could not start
    QByteArray out;
    QByteArray err;
};

// Runs spanscope with its cache in cacheHome (XDG_CACHE_HOME), no DISPLAY, no WAYLAND_DISPLAY,
// no QT_QPA_PLATFORM. Fails the whole test if it does not finish within five minutes.
// `environment` adds or replaces variables (TMPDIR, SPANSCOPE_REPORT_AND_QUIT, ...).
CliRun runSpanscope(const QStringList& arguments, const QString& cacheHome,
                    const QMap<QString, QString>& environment = {});

} // namespace spanscope::test
