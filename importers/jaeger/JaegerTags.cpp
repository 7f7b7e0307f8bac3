// SPDX-License-Identifier: MIT
#include "JaegerTags.h"

#include "JaegerText.h"
#include "importers/common/IdCodec.h"
#include "model/AttributeCodec.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace spanscope {

using jaeger::equalsIgnoreCase;
using jaeger::quoted;

namespace {

// The canonical lower-case name of a declared type ("string", "int64", ...), or "" if unknown.
std::string_view canonicalType(std::string_view name)
{
    static constexpr std::array<std::string_view, 5> names = {"string", "bool", "int64", "float64", "binary"};
    for (std::string_view candidate : names) {
        if (equalsIgnoreCase(name, candidate))
            return candidate;
    }
    return {};
}

// api_v2's field for each vType.
std::string_view apiV2Field(std::string_view type)
{
    if (type == "bool")
        return "vBool";
    if (type == "int64")
        return "vInt64";
    if (type == "float64")
        return "vFloat64";
    if (type == "binary")
        return "vBinary";
    return "vStr";
}

std::optional<int64_t> exactInt64(std::string_view text)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc() && result.ptr == text.data() + text.size())
        return value;
    return std::nullopt;
}

std::optional<double> parseDouble(std::string_view text)
{
    if (text == "NaN")
        return std::nan("");
    if (text == "Infinity" || text == "+Infinity")
        return HUGE_VAL;
    if (text == "-Infinity")
        return -HUGE_VAL;
    if (text.empty() || text.size() > 400)
        return std::nullopt;
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size())
        return std::nullopt;
    return value;
}

void mismatch(std::vector<std::string>& notes, const JaegerTag& tag, std::string_view declared,
              std::string_view shown)
{
    notes.push_back("tag " + quoted(tag.key) + " declared " + std::string(declared) + " has the value " +
                    quoted(shown) + "; kept as text");
}

} // namespace

bool JaegerTagReader::read(ondemand::value element, JaegerTag& tag, std::vector<std::string>& notes)
{
    tag = JaegerTag{};
    m_apiV2 = false;
    ondemand::object object = element.get_object();
    auto key = object["key"];
    if (key.error() == simdjson::NO_SUCH_FIELD) {
        notes.emplace_back("a tag without \"key\" was skipped");
        return false;
    }
    tag.key = readString(key.value(), "key");

    std::string_view declared;
    bool declaredGiven = false;
    const auto readDeclared = [&](ondemand::value value, const char* field) {
        declaredGiven = true;
        if (value.type().value() == ondemand::json_type::number) {
            static constexpr std::array<std::string_view, 5> byNumber = {"string", "bool", "int64", "float64",
                                                                         "binary"};
            const int64_t number = readInt64(value, field);
            if (number >= 0 && number < int64_t(byNumber.size()))
                declared = byNumber[size_t(number)];
            return;
        }
        const std::string_view name = readString(value, field);
        declared = canonicalType(name);
        if (declared.empty() && !name.empty())
            notes.push_back("tag " + quoted(tag.key) + " has the unknown type " + quoted(name) +
                            "; its JSON type decides");
    };

    if (auto type = object["type"]; type.error() != simdjson::NO_SUCH_FIELD) {
        readDeclared(type.value(), "type");
    } else if (auto vType = object["vType"]; vType.error() != simdjson::NO_SUCH_FIELD) {
        m_apiV2 = true;
        readDeclared(vType.value(), "vType");
        if (declared.empty())
            declared = "string";
    }

    if (!m_apiV2) {
        auto value = object["value"];
        if (value.error() != simdjson::NO_SUCH_FIELD) {
            decode(value.value(), declared, tag, notes);
            return true;
        }
        if (declaredGiven) {
            tag.type = ValueType::Empty; // {"key","type"} without a value
            return true;
        }
        // Neither "type" nor "value": api_v2 with the default vType (STRING) omitted.
        m_apiV2 = true;
        declared = "string";
    }
    auto value = object[apiV2Field(declared)];
    if (value.error() != simdjson::NO_SUCH_FIELD) {
        decode(value.value(), declared, tag, notes);
        return true;
    }
    // proto3 JSON leaves out default values: "", false, 0, 0.0, no bytes.
    if (declared == "bool")
        tag.type = ValueType::Bool;
    else if (declared == "int64")
        tag.type = ValueType::Int;
    else if (declared == "float64")
        tag.type = ValueType::Double;
    else if (declared == "binary")
        tag.type = ValueType::Bytes;
    else
        tag.type = ValueType::String;
    return true;
}

void JaegerTagReader::decode(ondemand::value value, std::string_view declared, JaegerTag& tag,
                             std::vector<std::string>& notes)
{
    switch (value.type().value()) {
    case ondemand::json_type::null:
        tag.type = ValueType::Empty;
        return;
    case ondemand::json_type::string:
        decodeText(value.get_string().value(), declared, tag, notes);
        return;
    case ondemand::json_type::number:
        // The raw token, not get_number(): an int64 beyond 2^63 or a huge exponent must not make
        // the whole tag list unreadable.
        decodeNumber(simdjson::trim(value.raw_json_token()), declared, tag, notes);
        return;
    case ondemand::json_type::boolean: {
        const bool flag = value.get_bool().value();
        if (declared == "string") {
            tag.type = ValueType::String;
            tag.text = flag ? "true" : "false";
            return;
        }
        if (!declared.empty() && declared != "bool")
            notes.push_back("tag " + quoted(tag.key) + " declared " + std::string(declared) +
                            " has a boolean value; kept as a boolean");
        tag.type = ValueType::Bool;
        tag.boolValue = flag;
        return;
    }
    case ondemand::json_type::object: {
        ondemand::object object = value.get_object();
        tag.type = ValueType::String;
        tag.text = object.raw_json().value();
        break;
    }
    case ondemand::json_type::array: {
        ondemand::array array = value.get_array();
        tag.type = ValueType::String;
        tag.text = array.raw_json().value();
        break;
    }
    }
    notes.push_back("tag " + quoted(tag.key) + " has a JSON " +
                    (tag.text.substr(0, 1) == "{" ? "object" : "array") + " as its value; kept as text");
}

void JaegerTagReader::decodeText(std::string_view text, std::string_view declared, JaegerTag& tag,
                                 std::vector<std::string>& notes)
{
    tag.type = ValueType::String;
    tag.text = text;
    if (declared == "bool") {
        if (equalsIgnoreCase(text, "true") || text == "1") {
            tag.type = ValueType::Bool;
            tag.boolValue = true;
        } else if (equalsIgnoreCase(text, "false") || text == "0") {
            tag.type = ValueType::Bool;
            tag.boolValue = false;
        } else {
            mismatch(notes, tag, declared, text);
        }
    } else if (declared == "int64") {
        // Above 2^53 producers write int64 as strings: parse exactly, never through a double.
        if (const auto number = exactInt64(text)) {
            tag.type = ValueType::Int;
            tag.intValue = *number;
        } else {
            mismatch(notes, tag, declared, text);
        }
    } else if (declared == "float64") {
        if (const auto number = parseDouble(text)) {
            tag.type = ValueType::Double;
            tag.doubleValue = *number;
        } else {
            mismatch(notes, tag, declared, text);
        }
    } else if (declared == "binary") {
        if (auto bytes = decodeBase64(text)) {
            m_bytes = std::move(*bytes);
            tag.type = ValueType::Bytes;
            tag.text = m_bytes;
        } else {
            mismatch(notes, tag, declared, text);
        }
    }
}

void JaegerTagReader::decodeNumber(std::string_view raw, std::string_view declared, JaegerTag& tag,
                                   std::vector<std::string>& notes)
{
    if (declared == "string" || declared == "binary") {
        if (declared == "binary")
            mismatch(notes, tag, declared, raw);
        tag.type = ValueType::String;
        tag.text = raw; // a number where text belongs keeps its digits exactly
        return;
    }
    const auto integer = exactInt64(raw);
    const auto real = parseDouble(raw);
    if (declared == "bool") {
        tag.type = ValueType::Bool;
        tag.boolValue = real && *real != 0;
        return;
    }
    if (integer && declared != "float64") {
        tag.type = ValueType::Int;
        tag.intValue = *integer;
        return;
    }
    if (declared == "int64" && real && std::isfinite(*real) && std::trunc(*real) == *real &&
        std::fabs(*real) < 9.2e18) {
        tag.type = ValueType::Int; // 1e3, 42.0
        tag.intValue = int64_t(*real);
        return;
    }
    if (real && (std::isfinite(*real) || declared == "float64")) {
        if (declared == "int64")
            notes.push_back("tag " + quoted(tag.key) + " declared int64 has the value " + quoted(raw) +
                            "; kept as a float64");
        tag.type = ValueType::Double;
        tag.doubleValue = *real;
        return;
    }
    mismatch(notes, tag, declared.empty() ? "number" : declared, raw);
    tag.type = ValueType::String;
    tag.text = raw;
}

void JaegerTagReader::encode(AttributeEncoder& encoder, const JaegerTag& tag)
{
    switch (tag.type) {
    case ValueType::String:
        encoder.addString(tag.key, tag.text);
        break;
    case ValueType::Bytes:
        encoder.addBytes(tag.key, tag.text);
        break;
    case ValueType::Bool:
        encoder.addBool(tag.key, tag.boolValue);
        break;
    case ValueType::Int:
        encoder.addInt(tag.key, tag.intValue);
        break;
    case ValueType::Double:
        encoder.addDouble(tag.key, tag.doubleValue);
        break;
    default:
        encoder.addEmpty(tag.key);
        break;
    }
}

bool JaegerTagReader::isTruthy(const JaegerTag& tag)
{
    switch (tag.type) {
    case ValueType::Bool:
        return tag.boolValue;
    case ValueType::Int:
        return tag.intValue != 0;
    case ValueType::Double:
        return tag.doubleValue != 0 && !std::isnan(tag.doubleValue);
    case ValueType::String:
        return !tag.text.empty() && !equalsIgnoreCase(tag.text, "false") && tag.text != "0";
    default:
        return false;
    }
}

} // namespace spanscope
