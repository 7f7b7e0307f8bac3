// SPDX-License-Identifier: MIT
#pragma once

#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/json/JsonElement.h"
#include "model/SourceLocation.h"

#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

// A JSON object rebuilt from some of its fields. Whether an object of a Jaeger file is a trace
// ({"traceID","spans","processes"}) or a single span is known only once its keys have been seen,
// and a trace can be far too large to capture whole. So the importer walks such an object key by
// key, streams "spans" and "processes", and keeps every other field here; if the object turns
// out to be a span, this rebuilt text is parsed like a captured span. Offsets in it map back to
// the file, so errors still point at the right line and column.
class JaegerLooseObject
{
public:
    void clear(const SourceLocation& start);
    // Adds "key": rawValue (the value as captured from the file, at valueLocation). Returns false
    // and leaves the field out when the object would grow beyond maxBytes.
    bool add(std::string_view key, std::string_view rawValue, const SourceLocation& valueLocation,
             uint64_t maxBytes);
    bool hasKey(std::string_view key) const;
    bool empty() const { return m_keys.empty(); }
    bool overflowed() const { return m_overflowed; }

    // The object's text, followed in memory by JsonScanner::kPadding readable bytes.
    std::string_view json();
    size_t capacity() const { return m_json.size(); }
    const SourceLocation& start() const { return m_start; }
    // Where byte `offset` of json() came from.
    SourceLocation locationOf(size_t offset) const;

private:
    struct Piece
    {
        size_t offset; // of the value in m_text
        size_t size;
        SourceLocation location;
    };
    SourceLocation m_start;
    std::string m_text; // "{" + fields, without the closing brace
    std::string m_json;
    std::vector<Piece> m_pieces;
    std::vector<std::string> m_keys;
    bool m_overflowed = false;
};

// parseElement() for a rebuilt object: the same decisions (syntax error -> ImportFailure at the
// exact place, invalid UTF-8 -> repaired with a warning, type errors -> skipped with a warning).
template<class Parse>
bool parseLooseElement(ImportContext& context, JaegerLooseObject& object, const char* what, Parse&& parse)
{
    const std::string_view json = object.json();
    const auto attempt = [&](std::string_view text, size_t capacity) -> std::optional<std::string> {
        try {
            parse(text, capacity);
            return std::nullopt;
        } catch (const ElementError& error) {
            return std::string(error.what());
        } catch (const simdjson::simdjson_error& error) {
            if (error.error() == simdjson::UTF8_ERROR)
                return std::string("\x01utf8");
            if (const auto syntax = findJsonSyntaxError(text))
                throw ImportFailure(object.locationOf(syntax->offset), syntax->message);
            return describeJsonError(error);
        }
    };
    std::optional<std::string> problem = attempt(json, object.capacity());
    if (problem && *problem == "\x01utf8") {
        std::string repaired = sanitizedUtf8(json);
        const size_t size = repaired.size();
        repaired.append(JsonScanner::kPadding, ' ');
        context.warn(object.start(), std::string(what) + " has invalid UTF-8; replaced with U+FFFD");
        problem = attempt(std::string_view(repaired.data(), size), repaired.size());
    }
    if (problem) {
        context.warn(object.start(), std::string(what) + " skipped: " + *problem);
        return false;
    }
    return true;
}

} // namespace spanscope
