// SPDX-License-Identifier: MIT
#include "ArgumentText.h"

#include <cstdint>
#include <cstring>

namespace spanscope::cli {

namespace {

constexpr char16_t kEscapeBase = 0xDC00; // U+DC80..U+DCFF carry the bytes 0x80..0xFF

// The code point of the well-formed UTF-8 sequence at text (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) and its length; length 0 when it is not one.
char32_t decodeSequence(const unsigned char* text, size_t available, size_t& length)
{
    const unsigned char lead = text[0];
    char32_t minimum = 0;
    char32_t code = 0;
    if (lead < 0x80) {
        length = 1;
        return lead;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code = lead & 0x1F;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code = lead & 0x07;
        minimum = 0x10000;
    } else {
        length = 0;
        return 0;
    }
    if (length > available) {
        length = 0;
        return 0;
    }
    for (size_t i = 1; i < length; ++i) {
        if ((text[i] & 0xC0) != 0x80) {
            length = 0;
            return 0;
        }
        code = (code << 6) | (text[i] & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        length = 0;
        return 0;
    }
    return code;
}

} // namespace

QString decodeArgument(const char* argument)
{
    const auto* text = reinterpret_cast<const unsigned char*>(argument);
    const size_t size = std::strlen(argument);
    QString out;
    out.reserve(qsizetype(size));
    for (size_t i = 0; i < size;) {
        size_t length = 0;
        const char32_t code = decodeSequence(text + i, size - i, length);
        if (length == 0) {
            out += QChar(char16_t(kEscapeBase + text[i]));
            ++i;
            continue;
        }
        if (code < 0x10000) {
            out += QChar(char16_t(code));
        } else {
            out += QChar(QChar::highSurrogate(code));
            out += QChar(QChar::lowSurrogate(code));
        }
        i += length;
    }
    return out;
}

QStringList decodeArguments(int argc, char** argv, int first)
{
    QStringList arguments;
    for (int i = first; i < argc; ++i)
        arguments << decodeArgument(argv[i]);
    return arguments;
}

std::string encodeArgument(const QString& argument)
{
    std::string out;
    out.reserve(size_t(argument.size()));
    const auto append = [&out](char32_t code) {
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xF0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3F));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
    };
    for (qsizetype i = 0; i < argument.size(); ++i) {
        const char16_t unit = argument.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < argument.size() &&
            QChar::isLowSurrogate(argument.at(i + 1).unicode())) {
            append(QChar::surrogateToUcs4(unit, argument.at(i + 1).unicode()));
            ++i;
        } else if (unit >= kEscapeBase + 0x80 && unit <= kEscapeBase + 0xFF) {
            out += char(uint8_t(unit - kEscapeBase)); // an escaped byte, back as it came
        } else if (QChar::isSurrogate(unit)) {
            append(0xFFFD); // cannot come from decodeArgument
        } else {
            append(unit);
        }
    }
    return out;
}

} // namespace spanscope::cli
