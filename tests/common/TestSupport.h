// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <string>

namespace spanscope {

class Workspace;

namespace test {

// Absolute path of a file in the source tree ("resources/samples/checkout.otlp.json").
QString sourcePath(const QString& relative);
// Absolute path of a third-party file in ../shared/testdata/real, or empty when that folder is absent
// (callers QSKIP then).
QString realDataPath(const QString& relative);
QByteArray readFile(const QString& path);
void writeFile(const QString& path, const QByteArray& bytes);

// A fresh workspace in a temporary directory, removed with the object.
struct TemporaryWorkspace
{
    QTemporaryDir directory;
    std::unique_ptr<Workspace> workspace;
    std::string path;

    TemporaryWorkspace();
    ~TemporaryWorkspace();
};

// Compares text with a golden file; on a mismatch writes GOLDEN.actual next to it and returns a
// `diff -u` in message.
bool matchesGolden(const QString& goldenPath, const QByteArray& actual, QString& message);

} // namespace test
} // namespace spanscope
