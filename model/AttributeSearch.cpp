// SPDX-License-Identifier: MIT
#include "AttributeSearch.h"

#include "AttributeCodec.h"

#include <sqlite3.h>
#include <string>

namespace spanscope {

namespace {

void attrText(sqlite3_context* context, int, sqlite3_value** arguments)
{
    const auto* blob = static_cast<const char*>(sqlite3_value_blob(arguments[0]));
    const int blobSize = sqlite3_value_bytes(arguments[0]);
    const auto* key = reinterpret_cast<const char*>(sqlite3_value_text(arguments[1]));
    const int keySize = sqlite3_value_bytes(arguments[1]);
    if (!blob || !key) {
        sqlite3_result_null(context);
        return;
    }
    ValueView value;
    if (!findAttribute(std::string_view(blob, size_t(blobSize)), std::string_view(key, size_t(keySize)),
                       value)) {
        sqlite3_result_null(context);
        return;
    }
    if (value.type == ValueType::String) {
        sqlite3_result_text64(context, value.text.data(), value.text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        return;
    }
    const std::string text = valueToDisplayText(value);
    sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

} // namespace

void registerAttributeFunctions(sql::Database& db)
{
    const int rc = sqlite3_create_function_v2(db.handle(), "attr_text", 2,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                              attrText, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        db.fail("register attr_text", rc);
}

std::vector<int64_t> findSpansWithAttribute(sql::Database& db, int64_t sourceId, std::string_view key,
                                            std::string_view valueText, size_t limit)
{
    std::string sql = "SELECT id FROM spans WHERE ";
    if (sourceId > 0)
        sql += "id BETWEEN (SELECT first_span FROM sources WHERE id = ?1) AND "
               "(SELECT last_span FROM sources WHERE id = ?1) AND ";
    sql += "attr_text(attrs, ?2) = ?3 ORDER BY id LIMIT ?4";
    auto query = db.prepare(sql);
    if (sourceId > 0)
        query.bind(1, sourceId);
    query.bindText(2, key).bindText(3, valueText).bind(4, limit == 0 ? int64_t(-1) : int64_t(limit));
    std::vector<int64_t> rows;
    while (query.step())
        rows.push_back(query.columnInt(0));
    return rows;
}

} // namespace spanscope
