// SPDX-License-Identifier: MIT
#include "StringInterner.h"

namespace spanscope {

StringInterner::StringInterner(sql::Database& db, size_t cacheLimit)
    : m_db(db), m_cacheLimit(cacheLimit), m_select(db.prepare("SELECT id FROM strings WHERE text = ?1")),
      m_insert(db.prepare("INSERT INTO strings(text) VALUES(?1)")),
      m_selectText(db.prepare("SELECT text FROM strings WHERE id = ?1"))
{}

std::string StringInterner::text(int64_t id)
{
    if (id == 0)
        return {};
    if (const auto it = m_byId.find(id); it != m_byId.end())
        return *it->second;
    m_selectText.bind(1, id);
    std::string text(m_selectText.step() ? m_selectText.columnText(0) : std::string_view());
    m_selectText.reset();
    return text;
}

int64_t StringInterner::intern(std::string_view text)
{
    if (text.empty())
        return 0;
    if (const auto it = m_cache.find(text); it != m_cache.end())
        return it->second;

    int64_t id = 0;
    m_select.bindText(1, text, false);
    if (m_select.step()) {
        id = m_select.columnInt(0);
        m_select.reset();
    } else {
        m_select.reset();
        m_insert.bindText(1, text, false);
        m_insert.run();
        id = m_db.lastInsertRowId();
    }
    if (m_cache.size() >= m_cacheLimit) {
        m_cache.clear();
        m_byId.clear();
    }
    const auto inserted = m_cache.emplace(std::string(text), id).first;
    m_byId.emplace(id, &inserted->first);
    return id;
}

} // namespace spanscope
