// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace spanscope {

// Maps service, operation and other repeated names to ids in the workspace's `strings` table.
// A bounded in-memory cache sits in front of the table: a file with a million distinct span names
// costs lookups, not memory (the cache is dropped when it reaches its limit).
class StringInterner
{
public:
    explicit StringInterner(sql::Database& db, size_t cacheLimit = 1 << 18);

    // The id of text, inserting it if the workspace does not have it yet. Id 0 is the empty string.
    int64_t intern(std::string_view text);
    // The text of an id (from the cache, else the table); empty if unknown.
    std::string text(int64_t id);

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const noexcept
        {
            return std::hash<std::string_view>()(text);
        }
    };

    sql::Database& m_db;
    size_t m_cacheLimit;
    sql::Statement m_select;
    sql::Statement m_insert;
    sql::Statement m_selectText;
    std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> m_cache;
    std::unordered_map<int64_t, const std::string*> m_byId; // points at m_cache's keys
};

} // namespace spanscope
