// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <string_view>

namespace spanscope {

// Durations and times as people read them ("1.25 ms", "830 µs", "2.4 s"), translated units.
class TextFormat
{
    Q_DECLARE_TR_FUNCTIONS(TextFormat)

public:
    static QString duration(int64_t ns);
    // A tick label for an offset from the trace start. Every label of one axis uses the same unit,
    // the largest one the axis' largest offset (largest) reaches, with the decimals the tick step
    // needs: "0", "0.5 µs", ... "5.0 µs" rather than "4500 ns", "5000 ns".
    static QString offset(int64_t ns, int64_t step, int64_t largest);
    // "2026-11-21 14:03:07.123" in local time.
    static QString timestamp(int64_t unixNs);
    // Untrusted text from a trace file, made safe for a single line of plain text: control
    // characters become visible placeholders, direction overrides are neutralised, and very long
    // text is cut with an ellipsis (docs/LIMITS.md, "Text in the user interface").
    static QString untrusted(std::string_view utf8, int maxLength = 512);
    // The same for text read in several lines (tooltips, the full-value viewer): line feeds and
    // tabs are kept (a CR LF or a lone CR becomes a line feed), every other control character
    // becomes its picture. Cut after maxLength characters or maxLines lines (-1: no limit), with an
    // ellipsis on a line of its own.
    static QString untrustedLines(std::string_view utf8, int maxLength = 4000, int maxLines = -1);
    static QString serviceOrUnknown(std::string_view service);
    // Tooltips are rich text whenever the text looks like markup, so untrusted text goes into them
    // escaped: what the file says is shown literally, line breaks kept.
    static QString toolTip(const QString& plainText);
    // Menus take '&' as a shortcut marker; a service named "R&D" must read "R&D".
    static QString menuText(const QString& plainText);
};

} // namespace spanscope
