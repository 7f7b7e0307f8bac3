// SPDX-License-Identifier: MIT
#include "SimdjsonValues.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace spanscope {

namespace {

[[noreturn]] void wrongType(const char* field, const char* expected)
{
    throw ElementError(std::string("\"") + field + "\" is not " + expected);
}

} // namespace

std::optional<int64_t> parseDecimalInt64(std::string_view text)
{
    int64_t value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (!text.empty() && text.front() == '+')
        ++begin;
    const auto result = std::from_chars(begin, end, value);
    if (result.ec == std::errc() && result.ptr == end)
        return value;
    // Unsigned values above INT64_MAX keep their bit pattern (OTLP fixed64 times, uint64 ids).
    uint64_t unsignedValue = 0;
    const auto unsignedResult = std::from_chars(begin, end, unsignedValue);
    if (unsignedResult.ec == std::errc() && unsignedResult.ptr == end)
        return int64_t(unsignedValue);
    return std::nullopt;
}

int64_t readInt64(ondemand::value value, const char* field)
{
    switch (value.type().value()) {
    case ondemand::json_type::string: {
        const std::string_view text = value.get_string().value();
        if (const auto parsed = parseDecimalInt64(text))
            return *parsed;
        char* end = nullptr;
        const std::string copy(text);
        const double asDouble = std::strtod(copy.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(asDouble) && std::fabs(asDouble) < 9.2e18)
            return int64_t(asDouble);
        wrongType(field, "an integer");
    }
    case ondemand::json_type::number: {
        ondemand::number number = value.get_number().value();
        switch (number.get_number_type()) {
        case ondemand::number_type::signed_integer:
            return number.get_int64();
        case ondemand::number_type::unsigned_integer:
            return int64_t(number.get_uint64());
        case ondemand::number_type::floating_point_number: {
            const double asDouble = number.get_double();
            if (std::isfinite(asDouble) && std::fabs(asDouble) < 9.2e18)
                return int64_t(std::llround(asDouble));
            wrongType(field, "an integer in range");
        }
        default:
            wrongType(field, "an integer");
        }
    }
    case ondemand::json_type::null:
        return 0;
    default:
        wrongType(field, "an integer");
    }
}

uint64_t readUint64(ondemand::value value, const char* field)
{
    return uint64_t(readInt64(value, field));
}

double readDouble(ondemand::value value, const char* field)
{
    switch (value.type().value()) {
    case ondemand::json_type::number:
        return value.get_double().value();
    case ondemand::json_type::string: {
        const std::string_view text = value.get_string().value();
        if (text == "NaN")
            return std::nan("");
        if (text == "Infinity")
            return HUGE_VAL;
        if (text == "-Infinity")
            return -HUGE_VAL;
        const std::string copy(text);
        char* end = nullptr;
        const double parsed = std::strtod(copy.c_str(), &end);
        if (end && *end == '\0' && !copy.empty())
            return parsed;
        wrongType(field, "a number");
    }
    default:
        wrongType(field, "a number");
    }
}

bool readBoolLenient(ondemand::value value, const char* field)
{
    switch (value.type().value()) {
    case ondemand::json_type::boolean:
        return value.get_bool().value();
    case ondemand::json_type::string: {
        const std::string_view text = value.get_string().value();
        if (text == "true" || text == "1" || text == "True" || text == "TRUE")
            return true;
        if (text == "false" || text == "0" || text == "False" || text == "FALSE" || text.empty())
            return false;
        wrongType(field, "a boolean");
    }
    case ondemand::json_type::number:
        return value.get_double().value() != 0;
    default:
        wrongType(field, "a boolean");
    }
}

std::string_view readString(ondemand::value value, const char* field)
{
    if (value.type().value() == ondemand::json_type::null)
        return {};
    auto text = value.get_string();
    if (text.error() == simdjson::STRING_ERROR)
        throw simdjson::simdjson_error(text.error()); // a bad escape, not a wrong type: parseElement decides
    if (text.error())
        wrongType(field, "a string");
    return text.value_unsafe();
}

std::string_view readScalarText(ondemand::value value, std::string& scratch)
{
    switch (value.type().value()) {
    case ondemand::json_type::string:
        return value.get_string().value();
    case ondemand::json_type::boolean:
        return value.get_bool().value() ? "true" : "false";
    case ondemand::json_type::null:
        return {};
    default:
        scratch = std::string(simdjson::trim(value.raw_json_token()));
        return scratch;
    }
}

std::string describeJsonError(const simdjson::simdjson_error& error)
{
    switch (error.error()) {
    case simdjson::INCORRECT_TYPE:
        return "a field has the wrong JSON type";
    case simdjson::UTF8_ERROR:
        return "invalid UTF-8";
    case simdjson::NUMBER_ERROR:
        return "a number is malformed or out of range";
    case simdjson::DEPTH_ERROR:
        return "nesting too deep";
    default:
        return std::string("malformed JSON (") + simdjson::error_message(error.error()) + ")";
    }
}

} // namespace spanscope
