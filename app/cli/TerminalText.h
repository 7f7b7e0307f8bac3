// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <cstdio>
#include <string>
#include <string_view>

namespace spanscope::cli {

// Text from a trace file or from the command line, made safe for a terminal: C0 and C1 control
// characters (escape sequences!) and bytes that are not UTF-8 become '?'; longer text is cut
// with "...".
std::string terminalSafe(std::string_view text, size_t maxLength = 200);
QString terminalSafe(const QString& text, size_t maxLength = 200);

// Writes a message in the terminal's encoding (the text is already terminal-safe).
void writeText(std::FILE* stream, const QString& text);

} // namespace spanscope::cli
