// SPDX-License-Identifier: MIT
#include "TerminalText.h"

#include "ArgumentText.h"

#include <cstdint>

namespace spanscope::cli {

std::string terminalSafe(std::string_view text, size_t maxLength)
{
    std::string out;
    for (size_t i = 0; i < text.size();) {
        if (out.size() >= maxLength) {
            out += "...";
            break;
        }
        const auto byte = uint8_t(text[i]);
        if (byte < 0x20 || byte == 0x7F) {
            out += '?';
            ++i;
            continue;
        }
        if (byte < 0x80) {
            out += char(byte);
            ++i;
            continue;
        }
        // A multi-byte character is copied whole if it is well-formed and not a C1 control
        // (U+0080..U+009F: 8-bit CSI and friends); anything else is one '?' per byte.
        size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
        bool valid = length > 0 && byte <= 0xF4 && i + length <= text.size();
        for (size_t k = 1; valid && k < length; ++k)
            valid = (uint8_t(text[i + k]) & 0xC0) == 0x80;
        if (valid && length == 2)
            valid = !(byte == 0xC2 && uint8_t(text[i + 1]) < 0xA0);
        if (valid && length == 3) // no overlong forms, no surrogates
            valid = !(byte == 0xE0 && uint8_t(text[i + 1]) < 0xA0) &&
                    !(byte == 0xED && uint8_t(text[i + 1]) >= 0xA0);
        if (valid && length == 4)
            valid = !(byte == 0xF0 && uint8_t(text[i + 1]) < 0x90) &&
                    !(byte == 0xF4 && uint8_t(text[i + 1]) >= 0x90);
        if (!valid) {
            out += '?';
            ++i;
            continue;
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

QString terminalSafe(const QString& text, size_t maxLength)
{
    return QString::fromStdString(terminalSafe(encodeArgument(text), maxLength));
}

void writeText(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

} // namespace spanscope::cli
