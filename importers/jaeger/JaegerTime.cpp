// SPDX-License-Identifier: MIT
#include "JaegerTime.h"

#include <array>
#include <limits>

namespace spanscope {

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Exactly `count` digits at `pos`; advances pos.
std::optional<int> readDigits(std::string_view text, size_t& pos, size_t count)
{
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool expectChar(std::string_view text, size_t& pos, std::string_view accepted)
{
    if (pos >= text.size() || accepted.find(text[pos]) == std::string_view::npos)
        return false;
    ++pos;
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = unsigned(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + int64_t(dayOfEra) - 719468;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[size_t(month - 1)];
}

bool addChecked(int64_t a, int64_t b, int64_t& out)
{
    return !__builtin_add_overflow(a, b, &out);
}

bool mulChecked(int64_t a, int64_t b, int64_t& out)
{
    return !__builtin_mul_overflow(a, b, &out);
}

} // namespace

std::optional<int64_t> microsToNanos(int64_t micros)
{
    int64_t nanos = 0;
    if (!mulChecked(micros, 1000, nanos))
        return std::nullopt;
    return nanos;
}

std::optional<int64_t> parseRfc3339Nanos(std::string_view text)
{
    size_t pos = 0;
    const auto year = readDigits(text, pos, 4);
    if (!year || !expectChar(text, pos, "-"))
        return std::nullopt;
    const auto month = readDigits(text, pos, 2);
    if (!month || !expectChar(text, pos, "-"))
        return std::nullopt;
    const auto day = readDigits(text, pos, 2);
    if (!day || !expectChar(text, pos, "Tt "))
        return std::nullopt;
    const auto hour = readDigits(text, pos, 2);
    if (!hour || !expectChar(text, pos, ":"))
        return std::nullopt;
    const auto minute = readDigits(text, pos, 2);
    if (!minute || !expectChar(text, pos, ":"))
        return std::nullopt;
    const auto second = readDigits(text, pos, 2);
    if (!second)
        return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month) || *hour > 23 ||
        *minute > 59 || *second > 60) // 60: a leap second, read as the next second's start
        return std::nullopt;

    int64_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        size_t digits = 0;
        while (pos < text.size() && isDigit(text[pos])) {
            if (digits < 9) {
                fraction = fraction * 10 + (text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (size_t i = digits; i < 9; ++i)
            fraction *= 10;
    }

    int64_t offsetSeconds = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool negative = text[pos] == '-';
        ++pos;
        const auto offsetHours = readDigits(text, pos, 2);
        if (!offsetHours || !expectChar(text, pos, ":"))
            return std::nullopt;
        const auto offsetMinutes = readDigits(text, pos, 2);
        if (!offsetMinutes || *offsetHours > 23 || *offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (int64_t(*offsetHours) * 3600 + int64_t(*offsetMinutes) * 60) * (negative ? -1 : 1);
    } else {
        return std::nullopt; // RFC 3339 requires a zone
    }
    if (pos != text.size())
        return std::nullopt;

    const int64_t days = daysFromCivil(*year, unsigned(*month), unsigned(*day));
    const int64_t seconds =
        days * 86400 + int64_t(*hour) * 3600 + int64_t(*minute) * 60 + *second - offsetSeconds;
    int64_t nanos = 0;
    if (!mulChecked(seconds, kNanosPerSecond, nanos) || !addChecked(nanos, fraction, nanos))
        return std::nullopt;
    return nanos;
}

std::optional<int64_t> parseDurationNanos(std::string_view text)
{
    struct Unit
    {
        std::string_view name;
        int64_t nanos;
    };
    static constexpr std::array<Unit, 8> units = {{
        {"ns", 1},
        {"us", 1000},
        {"\xC2\xB5s", 1000}, // µs, U+00B5
        {"\xCE\xBCs", 1000}, // μs, U+03BC
        {"ms", 1'000'000},
        {"s", kNanosPerSecond},
        {"m", 60 * kNanosPerSecond},
        {"h", 3600 * kNanosPerSecond},
    }};

    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
        negative = text[pos++] == '-';
    if (pos >= text.size())
        return std::nullopt;
    if (text.substr(pos) == "0")
        return 0;

    int64_t total = 0;
    while (pos < text.size()) {
        int64_t whole = 0;
        int64_t fraction = 0;
        int64_t fractionScale = 1;
        size_t digits = 0;
        while (pos < text.size() && isDigit(text[pos])) {
            if (!mulChecked(whole, 10, whole) || !addChecked(whole, text[pos] - '0', whole))
                return std::nullopt;
            ++pos;
            ++digits;
        }
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            while (pos < text.size() && isDigit(text[pos])) {
                if (fractionScale < kNanosPerSecond) { // finer digits cannot matter below 1 ns
                    fraction = fraction * 10 + (text[pos] - '0');
                    fractionScale *= 10;
                }
                ++pos;
                ++digits;
            }
        }
        if (digits == 0)
            return std::nullopt;
        const Unit* unit = nullptr;
        for (const Unit& candidate : units) {
            // Longest match first matters only for "ms" against "m": the table lists "ms" before "m".
            if (text.substr(pos, candidate.name.size()) == candidate.name) {
                unit = &candidate;
                break;
            }
        }
        if (!unit)
            return std::nullopt;
        pos += unit->name.size();
        int64_t part = 0;
        if (!mulChecked(whole, unit->nanos, part))
            return std::nullopt;
        // fraction / fractionScale of a unit, exact and without overflow: fraction < fractionScale
        // <= 1e9, so fraction * unit fits for units up to 1 s; longer units are whole seconds.
        const int64_t fractional =
            unit->nanos <= kNanosPerSecond
                ? fraction * unit->nanos / fractionScale
                : fraction * (kNanosPerSecond / fractionScale) * (unit->nanos / kNanosPerSecond);
        if (!addChecked(part, fractional, part) || !addChecked(total, part, total))
            return std::nullopt;
    }
    return negative ? -total : total;
}

} // namespace spanscope
