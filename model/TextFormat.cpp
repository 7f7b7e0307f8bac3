// SPDX-License-Identifier: MIT
#include "TextFormat.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace spanscope {

QString TextFormat::duration(int64_t ns)
{
    const auto value = double(ns);
    const double magnitude = std::fabs(value);
    if (magnitude < 1e3)
        return tr("%1 ns").arg(ns);
    if (magnitude < 1e6)
        return tr("%1 µs").arg(value / 1e3, 0, 'f', magnitude < 1e4 ? 2 : (magnitude < 1e5 ? 1 : 0));
    if (magnitude < 1e9)
        return tr("%1 ms").arg(value / 1e6, 0, 'f', magnitude < 1e7 ? 2 : (magnitude < 1e8 ? 1 : 0));
    if (magnitude < 60e9)
        return tr("%1 s").arg(value / 1e9, 0, 'f', magnitude < 1e10 ? 2 : 1);
    if (magnitude < 3600e9)
        return tr("%1 min %2 s").arg(int64_t(value / 60e9)).arg(std::fmod(value / 1e9, 60.0), 0, 'f', 0);
    return tr("%1 h %2 min").arg(int64_t(value / 3600e9)).arg(int64_t(std::fmod(value / 60e9, 60.0)));
}

QString TextFormat::offset(int64_t ns, int64_t step, int64_t largest)
{
    if (ns == 0)
        return QStringLiteral("0");
    const double magnitude = std::abs(double(largest));
    const double unit = magnitude >= 1e9 ? 1e9 : magnitude >= 1e6 ? 1e6 : magnitude >= 1e3 ? 1e3 : 1;
    int decimals = 0;
    for (double s = double(std::max<int64_t>(step, 1)) / unit; s < 1 && decimals < 9; s *= 10)
        ++decimals;
    const double value = double(ns) / unit;
    if (unit == 1)
        return tr("%1 ns").arg(ns);
    if (unit == 1e3)
        return tr("%1 µs").arg(value, 0, 'f', decimals);
    if (unit == 1e6)
        return tr("%1 ms").arg(value, 0, 'f', decimals);
    return tr("%1 s").arg(value, 0, 'f', decimals);
}

QString TextFormat::timestamp(int64_t unixNs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(unixNs / 1000000);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

namespace {

bool isDirectionOverride(char16_t u)
{
    return (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F ||
           u == 0x061C;
}

// One character of untrusted text, made safe: control characters become their Unicode pictures
// (␀ ␊ ␛ ...), bidirectional overrides U+FFFD since they would reorder what follows them.
QChar safeCharacter(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 || u == 0x7F)
        return QChar(0x2400 + (u == 0x7F ? 0x21 : u));
    if (isDirectionOverride(u))
        return QChar(0xFFFD);
    return c;
}

} // namespace

QString TextFormat::untrusted(std::string_view utf8, int maxLength)
{
    QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxLength + 1));
    for (const QChar c : std::as_const(text)) {
        if (out.size() >= maxLength) {
            out += QChar(0x2026);
            break;
        }
        out += safeCharacter(c);
    }
    return out;
}

QString TextFormat::untrustedLines(std::string_view utf8, int maxLength, int maxLines)
{
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    QString out;
    out.reserve(maxLength < 0 ? text.size() : std::min<qsizetype>(text.size(), maxLength + 2));
    int lines = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        const bool lineBreak = u == u'\n' || u == u'\r';
        if (lineBreak && u == u'\r' && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
            ++i; // CR LF is one line break
        const bool tooLong = maxLength >= 0 && out.size() >= maxLength;
        const bool tooManyLines = lineBreak && maxLines >= 0 && lines >= maxLines;
        if (tooLong || tooManyLines) {
            if (!out.endsWith(QLatin1Char('\n')))
                out += QLatin1Char('\n');
            out += QChar(0x2026);
            break;
        }
        if (lineBreak) {
            out += QLatin1Char('\n');
            ++lines;
        } else if (u == u'\t') {
            out += QLatin1Char('\t');
        } else {
            out += safeCharacter(text[i]);
        }
    }
    return out;
}

QString TextFormat::toolTip(const QString& plainText)
{
    if (plainText.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>") + plainText.toHtmlEscaped() +
           QStringLiteral("</p>");
}

QString TextFormat::menuText(const QString& plainText)
{
    QString text = plainText;
    return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

QString TextFormat::serviceOrUnknown(std::string_view service)
{
    return service.empty() ? tr("(unknown service)") : untrusted(service, 200);
}

} // namespace spanscope
