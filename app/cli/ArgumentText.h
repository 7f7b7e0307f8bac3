// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <string>

namespace spanscope::cli {

// Command-line arguments as QStrings for QCommandLineParser, without losing a byte: a file name
// need not be valid UTF-8 on Linux, and "spanscope info caf\xE9.json" must open that file. Valid
// UTF-8 decodes as usual; every other byte becomes the lone surrogate U+DC00 + byte (Python's
// "surrogateescape"), which encodeArgument turns back into the same byte.
QString decodeArgument(const char* argument);
QStringList decodeArguments(int argc, char** argv, int first = 1);
std::string encodeArgument(const QString& argument);

} // namespace spanscope::cli
