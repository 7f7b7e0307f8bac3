// SPDX-License-Identifier: MIT
#include "WholeNumber.h"

#include "TerminalText.h"

namespace spanscope::cli {

std::variant<uint64_t, QString> WholeNumber::parse(const QString& option, const QString& text,
                                                   uint64_t minimum, uint64_t maximum)
{
    const QString shown = terminalSafe(text, 60);
    const QString allowed = tr("allowed: %1 to %2").arg(minimum).arg(maximum);
    if (text.isEmpty())
        return tr("--%1: the value is empty; give a whole number (%2)").arg(option, allowed);
    bool digits = true;
    for (qsizetype i = text.startsWith(QLatin1Char('-')) ? 1 : 0; i < text.size(); ++i)
        digits = digits && text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9');
    if (!digits || text == QLatin1String("-"))
        return tr("--%1: \"%2\" is not a whole number (%3)").arg(option, shown, allowed);
    if (text.startsWith(QLatin1Char('-')))
        return tr("--%1: %2 is negative (%3)").arg(option, shown, allowed);
    uint64_t value = 0;
    bool overflow = false;
    for (const QChar c : text) {
        const auto digit = uint64_t(c.unicode() - '0');
        if (value > (UINT64_MAX - digit) / 10)
            overflow = true;
        else
            value = value * 10 + digit;
    }
    if (overflow || value > maximum)
        return tr("--%1: %2 is too large (%3)").arg(option, shown, allowed);
    if (value < minimum)
        return tr("--%1: %2 is too small (%3)").arg(option, shown, allowed);
    return value;
}

} // namespace spanscope::cli
