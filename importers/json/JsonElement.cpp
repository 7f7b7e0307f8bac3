// SPDX-License-Identifier: MIT
#include "JsonElement.h"

#include "model/Ids.h"

#include <nlohmann/json.hpp>

namespace spanscope {

namespace {

// Accepts everything, builds nothing: only the parser's error position matters.
struct NullSax : nlohmann::json_sax<nlohmann::json>
{
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& error) override
    {
        offset = position;
        message = error.what();
        failed = true;
        return false;
    }

    bool failed = false;
    size_t offset = 0;
    std::string message;
};

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error while parsing object separator - unexpected ','; expected ':'". Keep what helps.
std::string shortMessage(const std::string& full)
{
    std::string text = full;
    if (const size_t colon = text.find("syntax error while parsing "); colon != std::string::npos)
        text = text.substr(colon + 27);
    else if (const size_t last = text.rfind(": "); last != std::string::npos)
        text = text.substr(last + 2);
    return "invalid JSON (" + text + ")";
}

// The UTF-16 code unit of a \uXXXX escape starting at json[at], or -1 if there is none.
int escapedUnit(std::string_view json, size_t at)
{
    if (at + 6 > json.size() || json[at] != '\\' || json[at + 1] != 'u')
        return -1;
    const auto unit = parseHex64(json.substr(at + 2, 4));
    return unit ? int(*unit) : -1;
}

} // namespace

bool replaceLoneSurrogateEscapes(std::string& json)
{
    const auto isHigh = [](int unit) {
        return unit >= 0xD800 && unit <= 0xDBFF;
    };
    const auto isLow = [](int unit) {
        return unit >= 0xDC00 && unit <= 0xDFFF;
    };
    bool replaced = false;
    for (size_t i = 0; i + 1 < json.size(); ++i) {
        if (json[i] != '\\')
            continue;
        const int unit = escapedUnit(json, i);
        if (unit < 0) {
            ++i; // another escape ("\\\\", "\\n"): its second character is not the start of one
            continue;
        }
        if (isHigh(unit) && isLow(escapedUnit(json, i + 6))) {
            i += 11; // a pair
            continue;
        }
        if (isHigh(unit) || isLow(unit)) {
            json.replace(i + 2, 4, "fffd");
            replaced = true;
        }
        i += 5;
    }
    return replaced;
}

std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view json)
{
    NullSax sax;
    nlohmann::json::sax_parse(json.begin(), json.end(), &sax, nlohmann::json::input_format_t::json, true);
    if (!sax.failed)
        return std::nullopt;
    // nlohmann counts the position one past the offending character.
    return JsonSyntaxError{sax.offset > 0 ? sax.offset - 1 : 0, shortMessage(sax.message)};
}

} // namespace spanscope
