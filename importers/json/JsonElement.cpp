// SPDX-License-Identifier: MIT
#include "JsonElement.h"

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

} // namespace

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
