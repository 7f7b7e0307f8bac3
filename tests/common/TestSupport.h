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
// Absolute path of a third-party file in ../shared/testdata/real. That folder is absent on some
// developers' clones: tests that read it start with SPANSCOPE_REQUIRE_REAL_DATA().
QString realDataPath(const QString& relative);
bool realDataAvailable();
// CI=true: the environment CI runs in, where every skip is a failure.
bool runningInCi();
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

// Starts a test that reads ../shared/testdata/real: when the folder is absent the test skips on a
// developer's own clone and fails under CI=true (CI always has the files, so a skip there would
// hide a failure).
#define SPANSCOPE_REQUIRE_REAL_DATA()                                                                        \
    do {                                                                                                     \
        if (!spanscope::test::realDataAvailable()) {                                                         \
            if (spanscope::test::runningInCi())                                                              \
                QFAIL("../shared/testdata/real is absent, and CI=true: CI must have the third-party files"); \
            QSKIP("../shared/testdata/real is absent (skipped on a developer's clone; fails in CI)");        \
        }                                                                                                    \
    } while (false)
