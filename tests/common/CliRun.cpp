// SPDX-License-Identifier: MIT
#include "CliRun.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QtGlobal>

namespace spanscope::test {

CliRun runSpanscope(const QStringList& arguments, const QString& cacheHome,
                    const QMap<QString, QString>& environmentAdded)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    for (auto it = environmentAdded.begin(); it != environmentAdded.end(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPANSCOPE_BINARY), arguments);
    if (!process.waitForStarted(30000))
        return CliRun{-1, {}, "cannot start " SPANSCOPE_BINARY};
    if (!process.waitForFinished(300000))
        qFatal("spanscope did not finish");
    return CliRun{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace spanscope::test
