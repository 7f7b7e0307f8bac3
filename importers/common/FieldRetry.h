// SPDX-License-Identifier: MIT
#pragma once

#include "importers/json/JsonElement.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

// Reads a JSON element whose fields may have the wrong type, keeping what can be kept: a tag list
// that is an object must not cost the span. simdjson on-demand cannot safely go on inside a
// document after a type error, so the field that failed is remembered and the element parsed
// again from the start without it (one more field per attempt, at most kMaxAttempts). Syntax
// errors, invalid UTF-8, and errors outside a field or in an essential one (an id) propagate
// unchanged to parseElement(), which ends the import or skips the element.
//
// Fields are bits chosen by the reader; the body calls enter() before reading one.
class FieldRetry
{
public:
    static constexpr int kMaxAttempts = 16;

    explicit FieldRetry(uint32_t essential) : m_essential(essential) {}

    template<class Body>
    void run(std::string_view json, Body&& body)
    {
        m_skipped = 0;
        m_notes.clear();
        for (int attempt = 1;; ++attempt) {
            m_current = 0;
            std::string problem;
            try {
                body();
                break;
            } catch (const simdjson::simdjson_error& error) {
                if (!droppable(attempt) || error.error() == simdjson::UTF8_ERROR || findJsonSyntaxError(json))
                    throw;
                problem = describeJsonError(error);
            } catch (const ElementError& error) {
                if (!droppable(attempt))
                    throw;
                problem = error.what();
            }
            m_skipped |= m_current;
            m_notes.push_back("\"" + std::string(m_name) + "\" ignored: " + problem);
        }
        m_current = 0;
    }

    // Inside the body: false if this field was dropped, else it becomes the current field.
    bool enter(uint32_t field, const char* name)
    {
        if (m_skipped & field)
            return false;
        m_current = field;
        m_name = name;
        return true;
    }
    void leave() { m_current = 0; }

    // For a field read inside another (a span's embedded process): restore the outer one after.
    struct Position
    {
        uint32_t field;
        const char* name;
    };
    Position position() const { return {m_current, m_name}; }
    void restore(const Position& position)
    {
        m_current = position.field;
        m_name = position.name;
    }

    // One "\"FIELD\" ignored: why" per field dropped by the last run().
    const std::vector<std::string>& notes() const { return m_notes; }

private:
    bool droppable(int attempt) const
    {
        return m_current != 0 && !(m_current & m_essential) && attempt < kMaxAttempts;
    }

    uint32_t m_essential;
    uint32_t m_skipped = 0;
    uint32_t m_current = 0;
    const char* m_name = "";
    std::vector<std::string> m_notes;
};

} // namespace spanscope
