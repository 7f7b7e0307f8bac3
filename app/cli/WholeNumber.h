// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <variant>

namespace spanscope::cli {

// A numeric option's value, checked as a user would expect: decimal digits only (no sign, no
// spaces, nothing after them), within [minimum, maximum]. The error names the option and the value
// ("--max-spans: \"abc\" is not a whole number"); the value is made terminal-safe.
class WholeNumber
{
    Q_DECLARE_TR_FUNCTIONS(WholeNumber)

public:
    static std::variant<uint64_t, QString> parse(const QString& option, const QString& text, uint64_t minimum,
                                                 uint64_t maximum);
};

} // namespace spanscope::cli
