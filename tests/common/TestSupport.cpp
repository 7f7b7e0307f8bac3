// SPDX-License-Identifier: MIT
#include "TestSupport.h"

#include "model/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

namespace spanscope::test {

QString sourcePath(const QString& relative)
{
    return QDir(QStringLiteral(SPANSCOPE_SOURCE_DIR)).filePath(relative);
}

QString realDataPath(const QString& relative)
{
    return QDir(QStringLiteral(SPANSCOPE_REAL_TESTDATA)).filePath(relative);
}

bool realDataAvailable()
{
    return QDir(QStringLiteral(SPANSCOPE_REAL_TESTDATA)).exists();
}

bool runningInCi()
{
    return qEnvironmentVariable("CI").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(bytes);
}

TemporaryWorkspace::TemporaryWorkspace()
{
    path = directory.filePath(QStringLiteral("test.spanscope")).toStdString();
    auto opened = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    if (opened)
        workspace = std::move(*opened);
    else
        qFatal("cannot create a test workspace: %s", opened.error().c_str());
}

TemporaryWorkspace::~TemporaryWorkspace() = default;

bool matchesGolden(const QString& goldenPath, const QByteArray& actual, QString& message)
{
    const QByteArray expected = readFile(goldenPath);
    if (expected == actual) {
        QFile::remove(goldenPath + QStringLiteral(".actual"));
        return true;
    }
    const QString actualPath = goldenPath + QStringLiteral(".actual");
    writeFile(actualPath, actual);
    QProcess diff;
    diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), goldenPath, actualPath});
    diff.waitForFinished(10000);
    message = QStringLiteral("%1 differs (actual output in %2):\n%3")
                  .arg(goldenPath, actualPath, QString::fromUtf8(diff.readAllStandardOutput().left(6000)));
    return false;
}

} // namespace spanscope::test
