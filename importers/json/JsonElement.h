// SPDX-License-Identifier: MIT
#pragma once

#include "JsonScanner.h"
#include "SimdjsonValues.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "model/Utf8.h"

#include <optional>
#include <string>
#include <string_view>

namespace spanscope {

// A JSON syntax error inside a captured value: its byte offset and what is wrong; nullopt if the
// text is valid JSON. Slow (a second, validating parse); only called once simdjson has failed.
struct JsonSyntaxError
{
    size_t offset;
    std::string message;
};
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view json);

// Replaces every \uXXXX escape of an unpaired UTF-16 surrogate with \ufffd, in place (same length,
// so locations stay right); returns whether there was one. JavaScript's JSON.stringify writes such
// escapes for a string cut inside a surrogate pair, which length limits in SDKs do.
bool replaceLoneSurrogateEscapes(std::string& json);

// Parses one captured element (a span, a resource, a Jaeger process) and decides what a failure
// means, the same way for every JSON importer:
//  - a syntax error ends the file (or, in JSON Lines, the line) with its exact line and column;
//  - invalid UTF-8 and escaped lone surrogates are replaced by U+FFFD and the element parsed
//    again, with a warning;
//  - a wrong type or a missing id skips the element with a warning naming it.
// Returns false when the element was skipped.
template<class Parse>
bool parseElement(ImportContext& context, const JsonScanner& scanner, std::string_view json, const char* what,
                  Parse&& parse)
{
    const auto attempt = [&](std::string_view text, size_t capacity) -> std::optional<std::string> {
        try {
            parse(text, capacity);
            return std::nullopt;
        } catch (const ElementError& error) {
            return std::string(error.what());
        } catch (const simdjson::simdjson_error& error) {
            if (error.error() == simdjson::UTF8_ERROR)
                return std::string("\x01utf8");
            if (error.error() == simdjson::STRING_ERROR) {
                std::string copy(text);
                if (replaceLoneSurrogateEscapes(copy))
                    return std::string("\x01surrogate");
            }
            if (const auto syntax = findJsonSyntaxError(text))
                throw ImportFailure(
                    JsonScanner::locationWithin(text, syntax->offset, scanner.captureLocation()),
                    syntax->message);
            return describeJsonError(error);
        }
    };
    std::optional<std::string> problem = attempt(json, json.size() + JsonScanner::kPadding);
    // simdjson checks UTF-8 before it reads any string, so invalid UTF-8 shows first.
    std::string repaired;
    size_t size = json.size();
    if (problem && *problem == "\x01utf8") {
        repaired = sanitizedUtf8(json);
        size = repaired.size();
        repaired.append(JsonScanner::kPadding, ' ');
        context.warn(scanner.captureLocation(),
                     std::string(what) + " has invalid UTF-8; replaced with U+FFFD");
        problem = attempt(std::string_view(repaired.data(), size), repaired.size());
    }
    if (problem && *problem == "\x01surrogate") {
        if (repaired.empty())
            repaired = std::string(json) + std::string(JsonScanner::kPadding, ' ');
        replaceLoneSurrogateEscapes(repaired);
        context.warn(scanner.captureLocation(),
                     std::string(what) + " has an unpaired UTF-16 surrogate escape; replaced with U+FFFD");
        problem = attempt(std::string_view(repaired.data(), size), repaired.size());
    }
    if (problem && problem->starts_with('\x01'))
        problem = "invalid text"; // a repair that did not help
    if (problem) {
        context.warn(scanner.captureLocation(), std::string(what) + " skipped: " + *problem);
        return false;
    }
    return true;
}

} // namespace spanscope
