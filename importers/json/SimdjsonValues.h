// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>

namespace spanscope {

namespace ondemand = simdjson::ondemand;

// Thrown while reading one element (a span, a resource) when a field has the wrong type or value;
// the importer skips that element with a warning that names the field.
class ElementError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Lenient readers for the ways real producers write numbers and booleans (docs/FORMAT-REFERENCE.md): int64 as
// a decimal string or a number, µs as floats ("1.463737111294e+15"), booleans as "true".
int64_t readInt64(ondemand::value value, const char* field);
uint64_t readUint64(ondemand::value value, const char* field);
double readDouble(ondemand::value value, const char* field);
bool readBoolLenient(ondemand::value value, const char* field);
std::string_view readString(ondemand::value value, const char* field);
// A number or a string, as text (Zipkin tags may be numbers).
std::string_view readScalarText(ondemand::value value, std::string& scratch);

// Parses decimal text as int64; nullopt if it is not an integer.
std::optional<int64_t> parseDecimalInt64(std::string_view text);

// Text for a simdjson error found in an element, with the field being read.
std::string describeJsonError(const simdjson::simdjson_error& error);

} // namespace spanscope
